import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const SOURCE = fileURLToPath(new URL("../../src/store/", import.meta.url));
/** Inside node_modules, so the compiled store resolves ioredis and zod from the project's own install. */
const BUILT = fileURLToPath(new URL("../../node_modules/.cache/syztriage-test-store/", import.meta.url));
const HOLDER = fileURLToPath(new URL("./fixtures/holder.mjs", import.meta.url));

let built = false;

/** The store compiled to JavaScript for a child process (type-stripping only: `npm test` type-checks the source). */
function buildStore(): string {
  if (!built) {
    mkdirSync(BUILT, { recursive: true });
    for (const name of readdirSync(SOURCE).filter((f) => f.endsWith(".ts"))) {
      const { outputText } = ts.transpileModule(readFileSync(SOURCE + name, "utf8"), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      });
      writeFileSync(BUILT + name.replace(/\.ts$/, ".js"), outputText);
    }
    writeFileSync(`${BUILT}package.json`, JSON.stringify({ type: "module" }));
    built = true;
  }
  return `${BUILT}index.js`;
}

/**
 * Another replica in its own process (fixtures/holder.mjs), for tests that kill one: it takes a lock or a
 * retry from Redis, or records a job as under way (a triage started), prints `held <what>` and then holds
 * on until it is killed.
 */
export async function holdInChild(url: string, prefix: string, what: { lock: string; leaseMs: number } | { retryLeaseMs: number } | { record: string; job: object; retryLeaseMs: number }): Promise<{ child: ChildProcess; held: string }> {
  const child = spawn(process.execPath, [HOLDER, buildStore(), url, prefix, JSON.stringify(what)], { stdio: ["ignore", "pipe", "inherit"] });
  const held = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^held (.*)$/m.exec(output);
      if (line) resolve(line[1] as string);
    });
    child.once("exit", (code) => reject(new Error(`the holder exited with ${code} before holding anything: ${output}`)));
  });
  return { child, held };
}

/** SIGKILL: no release, no last word to Redis, as when a replica's machine goes away. */
export async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGKILL");
  await exited;
}
