import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { test } from "vitest";
import { analyseCrash } from "../../src/crash/index.js";
test("dbg", () => {
  const out: string[] = [];
  for (const f of readdirSync("/tmp/crash")) {
    const t = readFileSync("/tmp/crash/" + f, "utf8");
    const exp = t.slice(7, t.indexOf("\n"));
    const body = t.slice(t.indexOf("\n") + 1);
    const r = analyseCrash(body);
    if (r?.title !== exp && !r?.altTitles.includes(exp)) out.push(`${f}\t${exp}\t${r?.title}`);
  }
  writeFileSync("/tmp/mismatch.tsv", out.join("\n") + "\n");
});
