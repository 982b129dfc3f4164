import { describe, expect, test } from "vitest";
import { parseText, Report } from "../../src/parse/index.js";
import { expectationJson, fixtureTexts, HELD_OUT_DIRS, parserFixtures } from "../helpers/fixtures.js";
import { digest } from "../helpers/report-digest.js";

// One expectation file beside each fixture: adding a case is adding a `.txt` and running
// `npm run fixtures:update`, which writes the `.expected.json` for review in the diff. The held-out
// texts are pinned the same way, beside the reading their README asks of them.
describe.each([...parserFixtures(), ...parserFixtures(HELD_OUT_DIRS)])("$name", ({ text, expectedPath }) => {
  const { reports } = parseText(text);

  test("reads what the text says", async () => {
    await expect(expectationJson(reports.map(digest))).toMatchFileSnapshot(expectedPath);
  });

  test("matches the output schema", () => {
    for (const report of reports) expect(() => Report.parse(report)).not.toThrow();
  });
});

// Real texts about bisection that hold no result (test/fixtures/negatives/README.md).
describe("negatives", () => {
  test.each(fixtureTexts("negatives").map((f) => [f.name, f.text] as const))("%s yields no report and no crash", (_name, text) => {
    const { reports, crashes } = parseText(text);
    expect(reports.map(digest)).toEqual([]);
    expect(crashes).toEqual([]);
  });
});
