import { analyseCrash } from "../crash/index.js";
import { findCrashes, summarizeCrash } from "./crash-findings.js";
import { findReports } from "./find-reports.js";
import type { CrashSummary, ParseResult, Report } from "./schema.js";
import { toSourceLines } from "./text/source-lines.js";
import { logWarnings } from "./warnings.js";

export * from "./schema.js";

function crashSummary(report: Report): CrashSummary | null {
  if (!report.crashReport) return null;
  const crash = analyseCrash(report.crashReport, report.crashTitle ? { title: report.crashTitle } : undefined);
  return crash && summarizeCrash(crash);
}

/**
 * Finds and parses every bisection report in a text as people paste it; when
 * there is none, the crash reports (syzbot bug reports, pasted oopses) instead.
 */
export function parseText(text: string): ParseResult {
  const lines = toSourceLines(text);
  const { reports, unbisected } = findReports(lines);
  for (const report of reports) {
    report.crash = crashSummary(report);
    // A syzbot email names the crash only in its subject; the report text still carries it.
    report.crashTitle ??= report.crash?.title ?? null;
    report.warnings = logWarnings(report);
  }
  return { reports, crashes: reports.length > 0 ? [] : findCrashes(lines, unbisected) };
}
