import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The uid and gid of `nobody` (Debian): the app runs as a user who owns nothing, as in the image. */
const NOBODY = 65534;

/** What `npm pack` ships: package.json "files" plus what npm always adds (package.json, README, LICENSE). */
export function packedEntries(): string[] {
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as {
    files: { path: string }[];
  }[];
  return [...new Set((pack?.files ?? []).map((f) => f.path.split("/")[0] as string))].sort();
}

/**
 * The image's two stages without Docker: the build (tsc into a temporary lib/), then the runtime
 * stage's install: the packed app plus the lockfile, `npm ci --omit=dev --ignore-scripts`.
 */
export function productionInstall(): { dir: string; remove: () => void } {
  const work = mkdtempSync(join(tmpdir(), "syztriage-production-"));
  const app = join(work, "app");
  mkdirSync(app);
  execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(ROOT, "tsconfig.build.json"), "--outDir", join(app, "lib"), "--sourceMap", "false"], { cwd: ROOT, stdio: "inherit" });
  for (const entry of packedEntries().filter((e) => e !== "lib")) cpSync(join(ROOT, entry), join(app, entry), { recursive: true });
  cpSync(join(ROOT, "package-lock.json"), join(app, "package-lock.json"));
  execFileSync("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: app, stdio: "inherit" });
  // mkdtemp makes the directory private to root; the app's user must read it, and write nothing.
  chmodSync(work, 0o755);
  return { dir: app, remove: () => rmSync(work, { recursive: true, force: true }) };
}

export const isRoot = process.getuid?.() === 0;

export interface AppProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
  /** The uid the process runs as, from /proc. */
  uid: () => number;
}

/** Starts `node lib/server.js` of the install as nobody (when we are root; else as ourselves, already not root). */
export function startApp(dir: string, env: Record<string, string>): AppProcess {
  const node = process.execPath;
  const args = ["lib/server.js"];
  const [command, argv] = isRoot ? ["setpriv", [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--", node, ...args]] : [node, args];
  const child = spawn(command as string, argv as string[], { cwd: dir, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    url: `http://127.0.0.1:${env.PORT}`,
    output: () => output,
    exited,
    uid: () => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1]),
  };
}

/** Waits until Probot answers /ping (it does on the setup page too); fails with the app's output if it exits first. */
export async function ready(app: AppProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void app.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      if ((await fetch(`${app.url}/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the app did not start:\n${app.output()}`);
}

export async function stopApp(app: AppProcess): Promise<void> {
  if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill("SIGKILL");
  await app.exited;
}

/**
 * A stand-in for GitHub's API on loopback (GHE_HOST points the app at it): it records each request and
 * holds it until `release()`, then answers 404 to everything, so that a triage stays in flight on demand.
 */
export async function heldGitHub(): Promise<{ host: string; requests: string[]; release: () => void; close: () => Promise<void> }> {
  const requests: string[] = [];
  const waiting: ServerResponse[] = [];
  let released = false;
  const answer = (res: ServerResponse) => res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "Not Found" }));
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    if (released) answer(res);
    else waiting.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    release: () => {
      released = true;
      for (const res of waiting.splice(0)) answer(res);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Packages of the install by name, scoped ones included. */
export function installedPackages(dir: string): Set<string> {
  const modules = join(dir, "node_modules");
  const names = new Set<string>();
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith("@") && statSync(join(modules, entry)).isDirectory()) for (const sub of readdirSync(join(modules, entry))) names.add(`${entry}/${sub}`);
    else names.add(entry);
  }
  return names;
}
