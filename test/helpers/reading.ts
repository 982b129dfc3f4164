import type { ParseResult, Report } from "../../src/parse/schema.js";

/** A hash as a reading names it: its first 12 characters (or all of a shorter one). */
const short = (sha: string) => sha.slice(0, 12);

function reportReading(r: Report): string {
  const result = r.outcome === "culprit" ? `culprit ${short(r.culprit?.sha ?? "?")}` : r.outcome === "candidates" ? `candidates ${r.candidates.map((c) => short(c.sha)).join(",")}` : r.outcome;
  const checks = r.checks ? ` checks=${r.checks.revert ?? "none"}/${r.checks.verify ?? "none"}` : "";
  return `${r.format} ${r.direction} ${result} ${r.evidence}${checks}`;
}

/**
 * What a text reads as, in one line a person can write down beforehand: each report
 * (`<format> <direction> <outcome> [<sha>|<shas>] <evidence> [checks=<revert>/<verify>]`) joined
 * by ` + `; a text without a report reads as `crash: <title>` per crash found, else `no report`.
 */
export function reading({ reports, crashes }: ParseResult): string {
  if (reports.length > 0) return reports.map(reportReading).join(" + ");
  if (crashes.length > 0) return crashes.map((c) => `crash: ${c.title ?? "?"}`).join(" + ");
  return "no report";
}
