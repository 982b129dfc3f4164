import { analyseCrash, type CrashAnalysis } from "../crash/index.js";
import { emptyLinks } from "./report-builder.js";
import type { CrashFinding, CrashSummary, Report } from "./schema.js";
import { mailBodyStart } from "./text/mail.js";
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

/** A report's own fields are its evidence; what it says of the crash may be nothing (mptcp's list, a cut email). */
const NO_CRASH: CrashSummary = { title: null, kind: null, guiltyFrame: null, guiltyFile: null, stack: [], corrupted: false };
/** How far below a report its oops may start; bounded so that many reports stay linear. */
const OOPS_LOOKAHEAD = 400;

/** The index of the first line numbered `line` or later (lines are in input order). */
function indexOfLine(lines: readonly SourceLine[], line: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((lines[mid]?.line ?? 0) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A syzbot bug report without a bisection: its crash text (else the first real oops after it, as
 * mptcp pastes it in a fence below its list) and the links of its header.
 */
function fromBugReport(report: Report, lines: SourceLine[]): CrashFinding {
  const from = indexOfLine(lines, report.source.startLine);
  const after = lines.slice(from, from + OOPS_LOOKAHEAD);
  // The report's fields already say this is a crash: its oops's header names it even when the paste cut the trace.
  const crash = reportCrash(report) ?? fromOops(after, { traced: false })?.crash ?? NO_CRASH;
  return {
    format: "syzbot-report",
    title: crash.title ?? report.crashTitle,
    crash,
    links: report.links,
    reportedBy: report.reportedBy,
    source: report.source,
  };
}

/**
 * A header cut from its trace (a paste that stops after the oops's first lines): syzkaller's rules
 * name it "... in corrupted"; the function on the header line is the only frame there is.
 */
function namedByHeader(crash: CrashAnalysis): CrashAnalysis {
  if (crash.traced || !crash.guiltyFileFrame || !crash.title?.endsWith(" in corrupted")) return crash;
  return { ...crash, title: `${crash.title.slice(0, -"corrupted".length)}${crash.guiltyFileFrame}` };
}

/** The first kernel oops anywhere in the text (console output, a pasted report), when it shows a trace (unless told not to ask for one). */
function fromOops(lines: SourceLine[], need: { traced: boolean } = { traced: true }): CrashFinding | null {
  const found = analyseCrash(lines.map((l) => l.text));
  if (!found || (need.traced && !found.traced)) return null;
  const crash = namedByHeader(found);
  const startLine = lines[crash.start]?.line ?? 1;
  const endLine = lines[Math.max(crash.start, crash.end - 1)]?.line ?? startLine;
  return { format: "oops", title: crash.title, crash: summarizeCrash(crash), links: emptyLinks(), reportedBy: null, source: { startLine, endLine } };
}

/** Crash reports in a text that holds no bisection report: syzbot's bug reports, else the first oops (a mail's headers are none). */
export function findCrashes(lines: SourceLine[], unbisected: Report[]): CrashFinding[] {
  const fromReports = unbisected.map((report) => fromBugReport(report, lines));
  if (fromReports.length > 0) return fromReports;
  const oops = fromOops(lines.slice(mailBodyStart(lines)));
  return oops ? [oops] : [];
}
