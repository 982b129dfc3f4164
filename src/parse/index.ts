import { findReports } from "./find-reports.js";
import type { ParseResult } from "./schema.js";
import { toSourceLines } from "./text/source-lines.js";
import { logWarnings } from "./warnings.js";

export * from "./schema.js";

/** Finds and parses every bisection report in a text as people paste it. */
export function parseText(text: string): ParseResult {
  const reports = findReports(toSourceLines(text));
  for (const report of reports) report.warnings = logWarnings(report);
  return { reports };
}
