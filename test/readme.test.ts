import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { COMMAND_HELP } from "../src/commands/index.js";
import { runCli } from "./helpers/cli.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

test("the README's commands table lists every command the app carries out", () => {
  for (const { usage } of Object.values(COMMAND_HELP)) expect(readme).toContain(`| \`${usage}\` |`);
});

/** The `npx syztriage …` lines of the quick start's offline examples, with their globs expanded like a shell would. */
function examples(): string[][] {
  const offline = readme.slice(readme.indexOf("no GitHub needed:"), readme.indexOf("## The comment"));
  const lines = offline.match(/^npx syztriage .*$/gm) ?? [];
  return lines.map((line) =>
    line
      .replace(/\s+#.*$/, "")
      .split(/\s+/)
      .slice(2)
      .flatMap((arg) => {
        const glob = /^(.*)\/\*\.txt$/.exec(arg);
        if (!glob) return [arg];
        const dir = glob[1] as string;
        return readdirSync(new URL(`../${dir}/`, import.meta.url)).filter((f) => f.endsWith(".txt")).sort().map((f) => `${dir}/${f}`);
      }),
  );
}

test("the README's command-line examples run as written on a clone", async () => {
  const all = examples();
  expect(all.length).toBeGreaterThanOrEqual(3);
  for (const argv of all) {
    const { code, stderr } = await runCli(argv);
    expect({ argv: argv.slice(0, 3), code, stderr }).toEqual({ argv: argv.slice(0, 3), code: 0, stderr: "" });
  }
});
