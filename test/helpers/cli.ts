import { readFile } from "node:fs/promises";
import { main } from "../../src/cli/main.js";

/** Runs the CLI in process with captured output; `stdin` stands in for standard input. */
export async function runCli(argv: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    read: (path) => (path === "-" ? Promise.resolve(stdin) : readFile(path, "utf8")),
  });
  return { code, stdout, stderr };
}
