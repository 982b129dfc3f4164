import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, test } from "vitest";
import { dependencyProblem, redisPlan } from "../../scripts/setup.mjs";
import { freePort } from "../store/redis-server.js";
import { ROOT } from "./app-process.js";

const temp = mkdtempSync(join(tmpdir(), "syztriage-setup-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }), 60_000);

/** A project folder with this lockfile and, unless null, this record of what npm installed. */
function project(name: string, locked: Record<string, object>, installed: Record<string, object> | null): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  const lockfile = (packages: Record<string, object>) => JSON.stringify({ lockfileVersion: 3, packages: { "": { name: "x" }, ...packages } });
  writeFileSync(join(dir, "package-lock.json"), lockfile(locked));
  if (installed) writeFileSync(join(dir, "node_modules/.package-lock.json"), lockfile(installed));
  return dir;
}

describe("whether node_modules matches package-lock.json", () => {
  const zod = { "node_modules/zod": { version: "4.6.7" } };
  const fsevents = { "node_modules/fsevents": { version: "2.3.3", optional: true } };

  test.each([
    ["nothing installed", { ...zod }, null, "node_modules is missing"],
    ["the lockfile's versions", { ...zod, ...fsevents }, { ...zod }, null],
    ["another version", { ...zod }, { "node_modules/zod": { version: "4.5.0" } }, "zod is 4.5.0, the lockfile says 4.6.7"],
    ["a package missing", { ...zod, "node_modules/yaml": { version: "2.9.1" } }, { ...zod }, "yaml is not installed"],
    ["a package the lockfile lost", { ...zod }, { ...zod, "node_modules/left-pad": { version: "1.3.0" } }, "left-pad is installed but not in the lockfile"],
  ])("%s", (name, locked, installed, problem) => {
    expect(dependencyProblem(project(name, locked, installed))).toBe(problem);
  });

  test("this checkout is installed as its lockfile says", () => {
    expect(dependencyProblem(ROOT)).toBeNull();
  });
});

describe("redis-server for the Redis tests", () => {
  test("found: nothing to do; root with apt-get: installs the Debian package", () => {
    expect(redisPlan({ found: true, root: false, aptGet: true })).toEqual({ action: "none" });
    expect(redisPlan({ found: false, root: true, aptGet: true })).toEqual({ action: "install", command: ["apt-get", "install", "-y", "--no-install-recommends", "redis-server"] });
  });

  test("otherwise it names the package and the command to install it", () => {
    const plan = redisPlan({ found: false, root: false, aptGet: true });
    expect(plan).toEqual({ action: "tell", message: expect.stringContaining("install the package redis-server with sudo apt-get install redis-server") });
    expect(redisPlan({ found: false, root: true, aptGet: false })).toMatchObject({ action: "tell", message: expect.stringContaining("redis-server") });
  });
});

/** The files a clone of this checkout has (tracked and new, as they are now), without node_modules or lib. */
function cloneWorkingTree(to: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files.filter((f) => existsSync(join(ROOT, f)))) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(ROOT, file), join(to, file));
  }
}

test("on a fresh clone `npm start` alone installs from the lockfile, says so in one line, builds and serves the setup page", async () => {
  const clone = join(temp, "clone");
  cloneWorkingTree(clone);
  expect(existsSync(join(clone, "node_modules"))).toBe(false);
  const port = await freePort();
  // Its own process group, so that npm, its shell and the server stop together.
  const npm = spawn("npm", ["start"], { cwd: clone, detached: true, env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: "127.0.0.1" } });
  let output = "";
  npm.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    let page: Response | undefined;
    for (let tries = 0; tries < 600 && npm.exitCode === null && !page?.ok; tries++) {
      await sleep(250);
      page = await fetch(`http://127.0.0.1:${port}/probot`).catch(() => undefined);
    }
    expect(page?.status, output).toBe(200);
    expect(await page?.text()).toContain("Register GitHub App");
    const said = output.split("\n").filter((line) => line.startsWith("syztriage:"));
    expect(said).toEqual(["syztriage: installing the dependencies from package-lock.json (node_modules is missing): npm ci"]);
  } finally {
    if (npm.pid && npm.exitCode === null) process.kill(-npm.pid, "SIGKILL");
  }
}, 240_000);
