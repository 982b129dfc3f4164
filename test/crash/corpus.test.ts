// Measures title agreement with syzbot over the real bisection logs of the study corpus: every
// Log_*.txt that ends with `crash: TITLE` followed by the report syzbot extracted.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { analyseCrash } from "../../src/crash/index.js";
import { STUDY } from "../helpers/corpus.js";

const LOGS = `${STUDY}logs`;
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
    // Measured: 90.7% exact, 92.4% with alt titles. The rest are mostly logs without an oops
    // ("no output from test machine") and titles from older syzkaller skip lists.
    expect(exact / cases.length).toBeGreaterThanOrEqual(0.9);
    expect(withAlt / cases.length).toBeGreaterThanOrEqual(0.92);
  });

  test("whole logs, including failed bisections, never throw", () => {
    const files = readdirSync(LOGS).filter((f) => f.endsWith(".txt"));
    let oopses = 0;
    for (const file of files) {
      if (analyseCrash(readFileSync(join(LOGS, file), "utf8"))) oopses++;
    }
    console.log(`${files.length} whole logs analysed, ${oopses} with an oops`);
    expect(oopses).toBeGreaterThan(1500);
  });
});
