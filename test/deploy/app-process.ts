import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { freePort } from "../store/redis-server.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The uid and gid of `nobody` (Debian): the app runs as a user who owns nothing, as in the image. */
const NOBODY = 65534;

/** What `npm pack` ships from `dir`: package.json "files" plus what npm always adds (package.json, README, LICENSE). */
export function packedEntries(dir = ROOT): string[] {
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as {
    files: { path: string }[];
  }[];
  return [...new Set((pack?.files ?? []).map((f) => f.path.split("/")[0] as string))].sort();
}

/** The files a clone of this checkout has (tracked and new, as they are now), without node_modules or lib. */
export function cloneWorkingTree(to: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files.filter((f) => existsSync(join(ROOT, f)))) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(ROOT, file), join(to, file));
  }
}

/**
 * `npm start` on a clone until Probot's setup page answers, then stopped: what it printed and what the
 * page said. It runs in its own process group, so that npm, its shell and the server stop together.
 */
export async function npmStartOnce(clone: string): Promise<{ output: string; page: { status: number; text: string } | null }> {
  const port = await freePort();
  const npm = spawn("npm", ["start"], { cwd: clone, detached: true, env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: "127.0.0.1" } });
  let output = "";
  npm.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    for (let tries = 0; tries < 600 && npm.exitCode === null; tries++) {
      await sleep(250);
      const page = await fetch(`http://127.0.0.1:${port}/probot`).catch(() => undefined);
      if (page?.ok) return { output, page: { status: page.status, text: await page.text() } };
    }
    return { output, page: null };
  } finally {
    if (npm.pid && npm.exitCode === null) process.kill(-npm.pid, "SIGKILL");
  }
}

/**
 * The image's runtime stage without Docker: the packed app of a built checkout (its lib/ included) plus
 * the lockfile, installed with `npm ci --omit=dev --ignore-scripts` in a folder anyone can read.
 */
export function productionInstall(built: string, work: string): string {
  const app = join(work, "app");
  mkdirSync(app, { recursive: true });
  for (const entry of [...packedEntries(built), "package-lock.json"]) cpSync(join(built, entry), join(app, entry), { recursive: true });
  execFileSync("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: app, stdio: "inherit" });
  // mkdtemp makes the directory private to root; the app's user must read it, and write nothing.
  chmodSync(work, 0o755);
  return app;
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
