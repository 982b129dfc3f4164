// One real text per reason (test/fixtures/verdict/<name>.txt, copied unchanged from the syzbot
// study or from test/fixtures/pasted/) with the exact verdict expected beside it (<name>.expected.json).
import { readdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { assessReliability } from "../../src/analyse/verdict/index.js";
import { judge, SIGNAL_RULES } from "../../src/analyse/verdict/rule.js";
import { extractSignals } from "../../src/analyse/verdict/signals.js";
import { parseText } from "../../src/parse/index.js";
import { expectationJson, FIXTURES, fixtureText } from "../helpers/fixtures.js";

interface Expected {
  source: string;
  study: string;
  /** The signal the fixture is for; null for verdicts without a culprit or without a single reason. */
  signal: string | null;
  verdict: { reliable: boolean; score: number; reasons: string[]; support: string[]; signals: string[] };
}

const names = readdirSync(new URL("../fixtures/verdict/", import.meta.url))
  .filter((f) => f.endsWith(".txt"))
  .map((f) => f.slice(0, -".txt".length))
  .sort();

const load = (name: string) => ({
  report: parseText(fixtureText(`verdict/${name}.txt`)).reports,
  expected: JSON.parse(fixtureText(`verdict/${name}.expected.json`)) as Expected,
});

describe("verdicts on real logs", () => {
  // The source, study and signal fields are written by hand; `npm run fixtures:update` rewrites the verdict.
  test.each(names)("%s", async (name) => {
    const { report, expected } = load(name);
    expect(report).toHaveLength(1);
    const only = report[0]!;
    const verdict = assessReliability(only);
    await expect(expectationJson({ ...expected, verdict })).toMatchFileSnapshot(`${FIXTURES}verdict/${name}.expected.json`);
    if (expected.signal !== null) {
      const judged = judge(extractSignals(only));
      expect([...judged.fired, ...judged.favouring]).toContain(expected.signal);
    }
  });

  // No log in the study is recent enough for syzbot's low-confidence flag; no public KernelCI
  // report with a failed verify check was found (test/verdict/rule.test.ts covers both).
  test("every other signal has a real text", () => {
    const covered = new Set(names.map((n) => load(n).expected.signal));
    expect(SIGNAL_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual(["low-confidence", "verify-check-failed"]);
  });
});
