import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { dependencyProblem, redisPlan } from "../../scripts/setup.mjs";
import { ROOT } from "./app-process.js";

const temp = mkdtempSync(join(tmpdir(), "syztriage-setup-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

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
