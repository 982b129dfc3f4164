import { describe, expect, test } from "vitest";
import { parseText } from "../../src/parse/index.js";
import { fixtureText, parserFixtures } from "../helpers/fixtures.js";
import { reading } from "../helpers/reading.js";

/**
 * Issue 11's measure: real texts the readers were not written from, each with the reading a
 * person wrote down for it in test/fixtures/heldout/README.md (the one table of them), and whether
 * the parser reads it so now.
 */
interface HeldOut {
  name: string;
  right: string;
  readNow: boolean;
}

const README = fixtureText("heldout/README.md");
const ROW = /^\| ([a-z0-9-]+) \| .* \| `([^`]+)` \| [✓✗] \| ([✓✗]) \|$/;
const heldOut: HeldOut[] = README.split("\n").flatMap((line) => {
  const m = ROW.exec(line);
  return m ? [{ name: m[1] ?? "", right: m[2] ?? "", readNow: m[3] === "✓" }] : [];
});
const fixtures = parserFixtures(["heldout"]);

describe("held-out texts", () => {
  test("the table lists every text once, and its count is the table's", () => {
    expect(heldOut.map((h) => h.name).sort()).toEqual(fixtures.map((f) => f.name.replace(/^heldout\//, "")));
    const right = heldOut.filter((h) => h.readNow).length;
    expect(README).toContain(`**Now: ${right}/${heldOut.length} read right**`);
  });

  test.each(heldOut.map((h) => [h.name, h] as const))("%s reads as the table says", (name, h) => {
    const read = reading(parseText(fixtureText(`heldout/${name}.txt`)));
    if (h.readNow) expect(read).toBe(h.right);
    else expect(read).not.toBe(h.right);
  });
});
