import { findCrashes, reportCrash } from "./crash-findings.js";
import { findReports } from "./find-reports.js";
import type { ParseResult } from "./schema.js";
import { toSourceLines } from "./text/source-lines.js";
import { logWarnings } from "./warnings.js";

export * from "./schema.js";
export { crashTitleOfIssue, titleFromSubject } from "./syzbot-email/parse.js";
export { isReleaseSubject } from "./warnings.js";

/**
 * Finds and parses every bisection report in a text as people paste it; when
 * there is none, the crash reports (syzbot bug reports, pasted oopses) instead.
 */
export function parseText(text: string): ParseResult {
  const lines = toSourceLines(text);
  const { reports, unbisected } = findReports(lines);
  for (const report of reports) {
    report.crash = reportCrash(report);
    // A syzbot email names the crash only in its subject; the report text still carries it.
    report.crashTitle ??= report.crash?.title ?? null;
    report.warnings = logWarnings(report);
  }
  return { reports, crashes: reports.length > 0 ? [] : findCrashes(lines, unbisected) };
}
