import { describe, expect, test } from "vitest";
import { parseText, Report } from "../../src/parse/index.js";
import { parserFixtures } from "../helpers/fixtures.js";
import { digest } from "../helpers/report-digest.js";

// One expectation file beside each fixture: adding a case is adding two files.
describe.each(parserFixtures())("$name", ({ text, expected }) => {
  const { reports } = parseText(text);

  test("reads what the log says", () => {
    expect(reports.map(digest)).toEqual(expected);
  });

  test("matches the output schema", () => {
    for (const report of reports) expect(() => Report.parse(report)).not.toThrow();
  });
});
