// Table-driven test over test/fixtures/crash: each file holds a real crash report after a small
// header stating the expected answer (like syzkaller's pkg/report/testdata):
//   # comment           where the text comes from and who decided the expectation
//   TITLE: <title>      ALT: <alt title> (repeatable)
//   FILE: <guilty file> FRAME: <guilty frame>   (absent: expected to be null)
//   KIND: <kind>        CORRUPTED: Y|N
//   STACK: f1 f2 ...    the first functions of the main stack (optional)
// then an empty line and the raw text.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { analyseCrash } from "../../src/crash/index.js";

const DIR = join(import.meta.dirname, "../fixtures/crash");

interface Fixture {
  name: string;
  fields: Map<string, string[]>;
  text: string;
}

function readFixture(name: string): Fixture {
  const content = readFileSync(join(DIR, name), "utf8");
  const blank = content.indexOf("\n\n");
  if (blank === -1) throw new Error(`${name}: no empty line after the header`);
  const fields = new Map<string, string[]>();
  for (const line of content.slice(0, blank).split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([A-Z]+): (.*)$/.exec(line);
    if (!match) throw new Error(`${name}: bad header line ${JSON.stringify(line)}`);
    const [, key = "", value = ""] = match;
    fields.set(key, [...(fields.get(key) ?? []), value]);
  }
  return { name, fields, text: content.slice(blank + 2) };
}

const fixtures = readdirSync(DIR)
  .filter((name) => name.endsWith(".txt"))
  .sort()
  .map(readFixture);

describe("crash fixtures", () => {
  test("cover the report kinds", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    const kinds = new Set(fixtures.map((f) => f.fields.get("KIND")?.[0]));
    for (const kind of ["KASAN", "KMSAN", "UBSAN", "LOCKDEP", "WARNING", "BUG", "GPF", "NULL_DEREF", "HANG", "LEAK"]) {
      expect(kinds, kind).toContain(kind);
    }
  });

  test.each(fixtures.map((f) => [f.name, f] as const))("%s", (_, fixture) => {
    const one = (key: string): string | null => fixture.fields.get(key)?.[0] ?? null;
    const result = analyseCrash(fixture.text);
    expect(result).not.toBeNull();
    expect(result?.title).toBe(one("TITLE"));
    for (const alt of fixture.fields.get("ALT") ?? []) expect(result?.altTitles).toContain(alt);
    expect(result?.guiltyFile).toBe(one("FILE"));
    expect(result?.guiltyFrame).toBe(one("FRAME"));
    expect(result?.kind).toBe(one("KIND"));
    expect(result?.corrupted).toBe(one("CORRUPTED") === "Y");
    const stack = one("STACK")?.split(" ");
    if (stack) expect(result?.frames.slice(0, stack.length).map((f) => f.func)).toEqual(stack);
  });
});
