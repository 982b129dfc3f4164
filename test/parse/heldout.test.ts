import { describe, expect, test } from "vitest";
import { parseText } from "../../src/parse/index.js";
import { fixtureText, HELD_OUT_DIRS, parserFixtures } from "../helpers/fixtures.js";
import { reading } from "../helpers/reading.js";

/**
 * Issue 11's measure: real texts the readers were not written from, each with the reading a
 * person wrote down for it in its folder's README.md (the one table of them), and whether the
 * parser reads it so now.
 */
interface HeldOut {
  name: string;
  right: string;
  readNow: boolean;
}

const ROW = /^\| ([a-z0-9-]+) \| .* \| `([^`]+)` \| [✓✗] \| ([✓✗]) \|$/;

describe.each(HELD_OUT_DIRS)("held-out texts in %s/", (dir) => {
  const readme = fixtureText(`${dir}/README.md`);
  const heldOut: HeldOut[] = readme.split("\n").flatMap((line) => {
    const m = ROW.exec(line);
    return m ? [{ name: m[1] ?? "", right: m[2] ?? "", readNow: m[3] === "✓" }] : [];
  });
  const texts = new Map(parserFixtures([dir]).map((f) => [f.name.slice(dir.length + 1), f.text]));

  test("the table lists every text once, and its count is the table's", () => {
    expect(heldOut.map((h) => h.name).sort()).toEqual([...texts.keys()].sort());
    const right = heldOut.filter((h) => h.readNow).length;
    expect(readme).toContain(`**Now: ${right}/${heldOut.length} read right**`);
  });

  test.each(heldOut.map((h) => [h.name, h] as const))("%s reads as the table says", (name, h) => {
    const read = reading(parseText(texts.get(name) ?? ""));
    if (h.readNow) expect(read).toBe(h.right);
    else expect(read).not.toBe(h.right);
  });
});
