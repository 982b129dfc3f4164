#!/usr/bin/env node
// `npm start` and `npm test` set themselves up on a fresh clone (issue 14). Plain JavaScript with no
// dependency, as it runs before any is installed.
//   node scripts/setup.mjs            the dependencies: `npm ci` when node_modules is missing or does
//                                     not match package-lock.json (pretest)
//   node scripts/setup.mjs build      and lib/ compiled: by npm ci's prepare, else by `npm run build` (prestart)
//   node scripts/setup.mjs redis      and redis-server for the Redis tests: installed with apt-get when
//                                     missing and we are root, else named with the command (pretest)
import { spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const say = (line) => process.stderr.write(`syztriage: ${line}\n`);

/** The packages a lockfile lists, by path, with their versions and whether they may be absent (other platforms'). */
function lockedPackages(file) {
  const packages = JSON.parse(readFileSync(file, "utf8")).packages ?? {};
  return Object.entries(packages).filter(([path]) => path !== "");
}

/**
 * Why node_modules does not hold what package-lock.json says, or null when it does. npm records what it
 * installed in node_modules/.package-lock.json; optional packages of other platforms are never installed.
 */
export function dependencyProblem(root = ROOT) {
  let installed;
  try {
    installed = new Map(lockedPackages(join(root, "node_modules/.package-lock.json")));
  } catch {
    return "node_modules is missing";
  }
  const wanted = lockedPackages(join(root, "package-lock.json"));
  for (const [path, entry] of wanted) {
    const have = installed.get(path);
    if (!have) {
      if (entry.optional) continue;
      return `${path.replace(/^.*node_modules\//, "")} is not installed`;
    }
    if (have.version !== entry.version) return `${path.replace(/^.*node_modules\//, "")} is ${have.version}, the lockfile says ${entry.version}`;
  }
  const known = new Set(wanted.map(([path]) => path));
  const extra = [...installed.keys()].find((path) => !known.has(path));
  return extra ? `${extra.replace(/^.*node_modules\//, "")} is installed but not in the lockfile` : null;
}

/** An executable on PATH or in the directories Debian installs to (root's PATH may lack sbin). */
export function findExecutable(name, path = process.env.PATH ?? "") {
  for (const dir of [...path.split(delimiter), "/usr/bin", "/usr/sbin", "/usr/local/bin"].filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * What to do about redis-server: nothing (found), install it (root with apt-get), or say how (anyone
 * else), so that the Redis tests are skipped only when it truly cannot be had.
 */
export function redisPlan({ found, root, aptGet }) {
  if (found) return { action: "none" };
  if (root && aptGet) return { action: "install", command: ["apt-get", "install", "-y", "--no-install-recommends", "redis-server"] };
  const how = aptGet ? "sudo apt-get install redis-server" : "your system's package manager (Debian and Ubuntu: apt-get install redis-server)";
  return { action: "tell", message: `redis-server is not installed, so the Redis tests will be skipped; install the package redis-server with ${how}` };
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: ROOT, encoding: "utf8", ...options });
}

/** Runs npm with these arguments, output shown; exits with npm's status when it fails. */
function npm(args) {
  const { status } = run("npm", [...args, "--loglevel=error"], { stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
}

/** True when it installed (npm ci also compiles lib/, through the prepare script). */
function installDependencies() {
  const problem = dependencyProblem();
  if (!problem) return false;
  say(`installing the dependencies from package-lock.json (${problem}): npm ci`);
  npm(["ci", "--no-audit", "--no-fund"]);
  return true;
}

function installRedis() {
  const plan = redisPlan({ found: findExecutable("redis-server") !== null, root: process.getuid?.() === 0, aptGet: findExecutable("apt-get") !== null });
  if (plan.action === "none") return;
  if (plan.action === "tell") return say(plan.message);
  say(`installing redis-server for the Redis tests (Debian package): ${plan.command.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let apt = run(plan.command[0], plan.command.slice(1), { env });
  // An old package list names versions the mirror no longer has: refresh it once.
  if (apt.status !== 0) apt = run("apt-get", ["update"], { env }).status === 0 ? run(plan.command[0], plan.command.slice(1), { env }) : apt;
  if (apt.status !== 0) say(`could not install redis-server, so the Redis tests will be skipped:\n${`${apt.stdout}${apt.stderr}`.trim().split("\n").slice(-5).join("\n")}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const installed = installDependencies();
  if (process.argv.includes("build") && !installed) npm(["run", "build"]);
  if (process.argv.includes("redis")) installRedis();
}
