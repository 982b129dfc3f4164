import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findExecutable, redisPlan } from "../../scripts/setup.mjs";
import { freePort } from "../../src/bench/load/free-port.js";

/**
 * A real redis-server for the tests: each file starts its own on a free loopback port, in a temporary
 * directory, with nothing saved, and stops it at the end. `npm test` installs the Debian package
 * redis-server first when it can (scripts/setup.mjs); tests are skipped only when it is still missing.
 */
export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const REDIS_SERVER = findExecutable("redis-server");

/** Why the Redis tests are skipped, or null when they run: the setup step's own words for this machine. */
function missing(): string {
  const plan = redisPlan({ found: false, root: process.getuid?.() === 0, aptGet: findExecutable("apt-get") !== null });
  return plan.action === "tell" ? plan.message : "redis-server is not installed and could not be installed with apt-get (npm test's setup said why)";
}
export const REDIS_MISSING = REDIS_SERVER ? null : missing();
if (REDIS_MISSING) console.warn(`skipped: ${REDIS_MISSING}`);

export { freePort };

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function startRedis(): Promise<RedisServer> {
  if (!REDIS_SERVER) throw new Error(REDIS_MISSING ?? "redis-server is missing");
  const dir = mkdtempSync(join(tmpdir(), "syztriage-redis-"));
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no", "--daemonize", "no"];
  const child = spawn(REDIS_SERVER, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      child.kill("SIGTERM");
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
