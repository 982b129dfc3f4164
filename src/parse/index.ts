import { analyseCrash } from "../crash/index.js";
import { findReports } from "./find-reports.js";
import type { CrashSummary, ParseResult, Report } from "./schema.js";
import { toSourceLines } from "./text/source-lines.js";
import { logWarnings } from "./warnings.js";

export * from "./schema.js";

const MAX_STACK = 30;

function crashSummary(report: Report): CrashSummary | null {
  if (!report.crashReport) return null;
  const crash = analyseCrash(report.crashReport, report.crashTitle ? { title: report.crashTitle } : undefined);
  if (!crash) return null;
  return {
    title: crash.title,
    kind: crash.kind,
    guiltyFrame: crash.guiltyFrame,
    guiltyFile: crash.guiltyFile,
    stack: crash.frames.slice(0, MAX_STACK).map((f) => ({ func: f.func, file: f.file })),
    corrupted: crash.corrupted,
  };
}

/** Finds and parses every bisection report in a text as people paste it. */
export function parseText(text: string): ParseResult {
  const reports = findReports(toSourceLines(text));
  for (const report of reports) {
    report.crash = crashSummary(report);
    // A syzbot email names the crash only in its subject; the report text still carries it.
    report.crashTitle ??= report.crash?.title ?? null;
    report.warnings = logWarnings(report);
  }
  return { reports };
}
