import { describe, expect, test } from "vitest";
import { parseText } from "../../src/parse/index.js";
import { fixtureText, parserFixtures } from "../helpers/fixtures.js";
import { hardWrap, pastedForms } from "../helpers/paste.js";
import { digest } from "../helpers/report-digest.js";

// Logs and templates are re-pasted every way; pasted/ texts are already one such way (raw emails among them).
const fixtures = parserFixtures(["logs", "constructed"]).filter((f) => (f.expected?.length ?? 0) > 0);

/** The reading without the quote depth, which quoting changes on purpose. */
function unquoted(reading: Record<string, unknown>): Record<string, unknown> {
  const { quoteDepth: _depth, ...rest } = reading;
  return rest;
}

describe.each(Object.entries(pastedForms))("pasted %s", (_form, paste) => {
  test.each(fixtures.map((f) => [f.name, f] as const))("%s reads the same", (_name, fixture) => {
    const expected = (fixture.expected ?? []) as Record<string, unknown>[];
    expect(parseText(paste(fixture.text)).reports.map((r) => unquoted(digest(r)))).toEqual(expected.map(unquoted));
  });
});

describe("hard-wrapped at 72 columns", () => {
  test.each(fixtures.map((f) => [f.name, f] as const))("%s keeps its result", (_name, fixture) => {
    const plain = parseText(fixture.text).reports;
    const wrapped = parseText(hardWrap(fixture.text)).reports;
    const key = (r: (typeof plain)[number]) => ({
      format: r.format,
      direction: r.direction,
      outcome: r.outcome,
      culprit: r.culprit?.sha,
      files: r.culprit?.files,
      candidates: r.candidates.map((c) => c.sha),
      recipients: r.recipients,
      startCommit: r.startCommit,
      revisionsTested: r.revisionsTested,
      failed: r.error !== null,
      steps: r.steps.map((s) => [s.sha, s.verdict]),
      range: r.range,
      signatures: [r.culpritSignature, r.parentSignature],
    });
    expect(wrapped.map(key)).toEqual(plain.map(key));
  });
});

describe("several reports in one body", () => {
  test("each fenced log is its own report, in order, with its own lines", () => {
    const seed = fixtureText("logs/seed-2020-culprit.txt");
    const error = fixtureText("logs/error-not-reproduced.txt");
    const email = fixtureText("constructed/email-inconclusive.txt");
    const body = ["First try:", "```", error, "```", "Second try:", "```", seed, "```", "syzbot also said:", "", email].join("\n");
    const { reports } = parseText(body);
    expect(reports.map((r) => [r.format, r.outcome])).toEqual([
      ["bisection-log", "error"],
      ["bisection-log", "culprit"],
      ["syzbot-email", "candidates"],
    ]);
    const errorLines = error.split("\n").length;
    expect(reports[0]?.source).toEqual({ startLine: 3, endLine: 2 + errorLines - 1 });
    expect(reports[1]?.source.startLine).toBe(3 + errorLines + 3);
    // The crash text stops at the closing fence, not at the prose after it.
    expect(reports[1]?.crashReport).not.toContain("syzbot also said");
  });

  test("two plain logs one after the other split at the second log's first line", () => {
    const seed = fixtureText("logs/seed-2020-culprit.txt");
    const error = fixtureText("logs/error-not-reproduced.txt");
    const { reports } = parseText(`${seed}\n${error}`);
    expect(reports.map((r) => r.outcome)).toEqual(["culprit", "error"]);
    expect(reports[0]?.crashReport).not.toContain("bisecting cause commit");
  });
});
