import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** The parser fixtures: real logs (logs/) and texts built from syzbot's templates (constructed/). */
export function parserFixtures(): { name: string; text: string; expected: unknown[] }[] {
  const out: { name: string; text: string; expected: unknown[] }[] = [];
  for (const dir of ["logs", "constructed"]) {
    for (const file of readdirSync(FIXTURES + dir).sort()) {
      if (!file.endsWith(".txt")) continue;
      const base = file.slice(0, -".txt".length);
      out.push({
        name: `${dir}/${base}`,
        text: readFileSync(`${FIXTURES}${dir}/${file}`, "utf8"),
        expected: JSON.parse(readFileSync(`${FIXTURES}${dir}/${base}.expected.json`, "utf8")) as unknown[],
      });
    }
  }
  return out;
}

export function fixtureText(path: string): string {
  return readFileSync(FIXTURES + path, "utf8");
}
