// Measures title agreement with syzbot over the real bisection logs of the study corpus: every
// Log_*.txt that ends with `crash: TITLE` followed by the report syzbot extracted.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { analyseCrash } from "../../src/crash/index.js";

const LOGS = "/work/shared/data/syzbot-study/logs";
const exists = existsSync(LOGS);

interface Case {
  file: string;
  expected: string;
  body: string;
}

function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const file of readdirSync(LOGS).filter((f) => /^Log_.*\.txt$/.test(f)).sort()) {
    const text = readFileSync(join(LOGS, file), "utf8");
    const at = text.startsWith("crash: ") ? 0 : text.indexOf("\ncrash: ") + 1;
    if (at === 0 && !text.startsWith("crash: ")) continue;
    const eol = text.indexOf("\n", at);
    const expected = text.slice(at + "crash: ".length, eol === -1 ? text.length : eol).trim();
    cases.push({ file, expected, body: eol === -1 ? "" : text.slice(eol + 1) });
  }
  return cases;
}

/** "KASAN: use-after-free Read in foo" -> "KASAN: use-after-free Read in *", to group misses. */
function shape(title: string | null): string {
  return title === null ? "(no oops)" : title.replace(/ in .*$/, " in *");
}

describe.skipIf(!exists)("syzbot corpus", () => {
  test("titles agree with syzbot's", () => {
    const cases = loadCases();
    let exact = 0;
    let withAlt = 0;
    let withOops = 0;
    const misses = new Map<string, { count: number; example: string }>();
    for (const c of cases) {
      const result = analyseCrash(c.body);
      if (result) withOops++;
      if (result?.title === c.expected) exact++;
      if (result && [result.title, ...result.altTitles].includes(c.expected)) withAlt++;
      else {
        const key = `${shape(c.expected)}  <-  ${shape(result?.title ?? null)}`;
        const miss = misses.get(key) ?? { count: 0, example: `${c.file}: ${c.expected} / ${result?.title ?? "null"}` };
        miss.count++;
        misses.set(key, miss);
      }
    }
    const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)}%`;
    const lines = [
      `crash sections: ${cases.length}, with an oops found: ${withOops}`,
      `exact title agreement: ${exact} (${pct(exact, cases.length)} of all, ${pct(exact, withOops)} of those with an oops)`,
      `agreement counting alt titles: ${withAlt} (${pct(withAlt, cases.length)})`,
      "top disagreements (syzbot <- ours):",
      ...[...misses.entries()]
        .sort((a, b) => b[1].count - a[1].count)
        .slice(0, 25)
        .map(([key, { count, example }]) => `  ${String(count).padStart(4)}  ${key}    e.g. ${example}`),
    ];
    console.log(lines.join("\n"));
    expect(cases.length).toBeGreaterThan(1500);
    expect(exact / cases.length).toBeGreaterThanOrEqual(0.0);
  });
});
