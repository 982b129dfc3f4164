import { parseText } from "../parse/index.js";
import type { ParseResult } from "../parse/schema.js";
import { assessReliability } from "./verdict/index.js";

/** The parser's reading of a text, with the reliability verdict of every culprit. */
export function readReports(text: string): ParseResult {
  const result = parseText(text);
  for (const report of result.reports) if (report.outcome === "culprit") report.verdict = assessReliability(report);
  return result;
}
