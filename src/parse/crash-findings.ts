import { analyseCrash, type CrashAnalysis } from "../crash/index.js";
import { emptyLinks } from "./report-builder.js";
import type { CrashFinding, CrashSummary, Report } from "./schema.js";
import type { SourceLine } from "./text/source-lines.js";

const MAX_STACK = 30;

function summarizeCrash(crash: CrashAnalysis): CrashSummary {
  return {
    title: crash.title,
    kind: crash.kind,
    guiltyFrame: crash.guiltyFrame,
    guiltyFile: crash.guiltyFile,
    stack: crash.frames.slice(0, MAX_STACK).map((f) => ({ func: f.func, file: f.file })),
    corrupted: crash.corrupted,
  };
}

/** The crash a report's text shows, named by the title syzbot gave it when there is one. */
export function reportCrash(report: Report): CrashSummary | null {
  if (!report.crashReport) return null;
  const crash = analyseCrash(report.crashReport, report.crashTitle ? { title: report.crashTitle } : undefined);
  return crash && summarizeCrash(crash);
}

/** A syzbot bug report without a bisection: its crash text and the links of its header. */
function fromBugReport(report: Report): CrashFinding | null {
  const crash = reportCrash(report);
  if (!crash) return null;
  return {
    format: "syzbot-report",
    title: crash.title,
    crash,
    links: report.links,
    reportedBy: report.reportedBy,
    source: report.source,
  };
}

/** The first kernel oops anywhere in the text (console output, a pasted report). */
function fromOops(lines: SourceLine[]): CrashFinding | null {
  const crash = analyseCrash(lines.map((l) => l.text));
  if (!crash) return null;
  const startLine = lines[crash.start]?.line ?? 1;
  const endLine = lines[Math.max(crash.start, crash.end - 1)]?.line ?? startLine;
  return { format: "oops", title: crash.title, crash: summarizeCrash(crash), links: emptyLinks(), reportedBy: null, source: { startLine, endLine } };
}

/** Crash reports in a text that holds no bisection report: syzbot's bug reports, else the first oops. */
export function findCrashes(lines: SourceLine[], unbisected: Report[]): CrashFinding[] {
  const fromReports = unbisected.map(fromBugReport).filter((c): c is CrashFinding => c !== null);
  if (fromReports.length > 0) return fromReports;
  const oops = fromOops(lines);
  return oops ? [oops] : [];
}
