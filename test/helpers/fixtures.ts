import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export interface ParserFixture {
  name: string;
  text: string;
  /** The `.expected.json` beside the text; null until `npm run fixtures:update` writes it. */
  expected: unknown[] | null;
  expectedPath: string;
}

/**
 * Parser fixtures: real logs (logs/), texts built from syzbot's templates (constructed/) and real
 * texts as people paste them (pasted/), each with its expected reading beside it.
 */
export function parserFixtures(dirs: readonly string[] = ["logs", "constructed", "pasted"]): ParserFixture[] {
  const out: ParserFixture[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(FIXTURES + dir).sort()) {
      if (!file.endsWith(".txt")) continue;
      const base = file.slice(0, -".txt".length);
      const expectedPath = `${FIXTURES}${dir}/${base}.expected.json`;
      out.push({
        name: `${dir}/${base}`,
        text: readFileSync(`${FIXTURES}${dir}/${file}`, "utf8"),
        expected: existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, "utf8")) as unknown[]) : null,
        expectedPath,
      });
    }
  }
  return out;
}

/** Held-out batches (issue 11's measure): folders of real texts, each read by the table in its README.md. */
export const HELD_OUT_DIRS = ["heldout", "heldout/batch-2", "heldout/batch-3", "heldout/batch-4"];

/** The fixtures' texts of one folder, by name, for folders without expectation files (negatives/). */
export function fixtureTexts(dir: string): { name: string; text: string }[] {
  return readdirSync(FIXTURES + dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ name: f.slice(0, -".txt".length), text: readFileSync(`${FIXTURES}${dir}/${f}`, "utf8") }));
}

export function fixtureText(path: string): string {
  return readFileSync(FIXTURES + path, "utf8");
}

/** How expectation files are written, so `npm run fixtures:update` output is byte-stable. */
export function expectationJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
