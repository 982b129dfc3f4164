// The MAINTAINERS matcher against get_maintainer.pl: 3.4 s for one run over 50 files (perl 5.36,
// v7.1 MAINTAINERS, --nogit, median of 5; docs/maintainers.md §6). Goals: 50 paths
// in process ≥100x faster, the whole `syztriage maintainers` process ≥30x faster.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundledLinuxData } from "../maintainers/bundled-data.js";
import { buildSubsystemList, loadMaintainers, parseMaintainers } from "../maintainers/index.js";

const PERL_50_FILES_MS = 3430;
const SHARED = fileURLToPath(new URL("../../../shared/data/linux/", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../../test/fixtures/linux/", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/syztriage.js", import.meta.url));
const CLI_MAIN = fileURLToPath(new URL("../../lib/cli/main.js", import.meta.url));
const BUNDLED = new URL("../../lib/maintainers/bundled.js", import.meta.url);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** 50 real files, the same on every run: literal .c/.h F: entries, evenly spread over the file. */
function samplePaths(maintainers: string): string[] {
  const files = parseMaintainers(maintainers)
    .patterns.filter((line) => line.tag === "F" && /^[\w/.-]+\.[ch]$/.test(line.value))
    .map((line) => line.value);
  const unique = [...new Set(files)];
  return Array.from({ length: 50 }, (_, i) => unique[Math.floor((i * unique.length) / 50)] as string);
}

function wallMs(command: string, args: string[]): number {
  const started = performance.now();
  const child = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (child.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(" ")} ... exited with ${child.status}`);
  return performance.now() - started;
}

/**
 * syzbot's subsystem list: reading the bundled snapshot, deriving the list cold (which
 * matches every counted file of the tree), matching paths, and the worst path shapes.
 * Goals: a cold build under 1 s (the app and the dry run pay it once per process), a
 * path under 20 µs, no path over 5 ms.
 */
function benchSyzbotList(log: (line: string) => void): void {
  const BUILD_GOAL_MS = 1000;
  const PATH_GOAL_US = 20;
  const WORST_GOAL_MS = 5;
  let data: ReturnType<typeof bundledLinuxData> | undefined;
  const read = timed(() => (data = bundledLinuxData()));
  const { maintainers, tree } = data as ReturnType<typeof bundledLinuxData>;
  const builds = Array.from({ length: 3 }, () => timed(() => buildSubsystemList(maintainers, tree)));
  const build = median(builds);
  log(
    `syzbot list: reading data/linux (MAINTAINERS, mailmap, ${tree.files.length} files gunzipped) ${read.toFixed(0)} ms; ` +
      `cold build ${builds[0]?.toFixed(0)} ms, median of 3 ${build.toFixed(0)} ms (goal < ${BUILD_GOAL_MS} ms: ${build < BUILD_GOAL_MS ? "met" : "NOT met"})`,
  );
  const list = buildSubsystemList(maintainers, tree);
  const files = tree.files;
  const all = median(Array.from({ length: 3 }, () => timed(() => files.forEach((path) => list.match(path)))));
  const perPath = (1000 * all) / files.length;
  log(`syzbot list: match all ${files.length} tree files ${all.toFixed(0)} ms, ${perPath.toFixed(1)} µs a path (goal < ${PATH_GOAL_US} µs: ${perPath < PATH_GOAL_US ? "met" : "NOT met"})`);
  // Paths a log could hold: one 4,096-character name (the longest matched), deep directories, a wildcard's worst case.
  const worst: [string, string][] = [
    ["one 4,096-character name", "a".repeat(4096)],
    ["4,096 characters of a/", "a/".repeat(2048)],
    ["drivers/gpio/gpio- and 4,080 w", `drivers/gpio/gpio-${"w".repeat(4078)}`],
    ["a 100,000-character path (refused)", "x".repeat(100_000)],
  ];
  for (const [name, path] of worst) {
    const ms = median(Array.from({ length: 5 }, () => timed(() => list.match(path))));
    log(`syzbot list: worst case ${name}: ${ms.toFixed(2)} ms (goal < ${WORST_GOAL_MS} ms: ${ms < WORST_GOAL_MS ? "met" : "NOT met"})`);
  }
  if (existsSync(fileURLToPath(BUNDLED))) {
    const script = `const { loadBundledLinux } = await import(${JSON.stringify(BUNDLED.href)}); loadBundledLinux();`;
    const wall = median(Array.from({ length: 3 }, () => wallMs(process.execPath, ["--input-type=module", "-e", script])));
    log(`loadBundledLinux() in a new node process (the dry run's default): ${wall.toFixed(0)} ms median of 3`);
  }
}

export async function benchMaintainers(log: (line: string) => void): Promise<void> {
  benchSyzbotList(log);
  const dir = existsSync(`${SHARED}MAINTAINERS`) ? SHARED : FIXTURES;
  const files = { maintainers: `${dir}MAINTAINERS`, mailmap: `${dir}mailmap`, directories: `${dir}dirs.txt` };
  const sources = {
    maintainers: readFileSync(files.maintainers, "utf8"),
    mailmap: readFileSync(files.mailmap, "utf8"),
    directories: readFileSync(files.directories, "utf8"),
  };
  log(`maintainers: data from ${dir}`);
  const maintainers = loadMaintainers(sources);
  log(`maintainers index build (parse, index, mailmap, dirs): ${maintainers.buildMs.toFixed(1)} ms`);

  const paths = samplePaths(sources.maintainers);
  const first = timed(() => maintainers.lookupAll(paths));
  const again = median(Array.from({ length: 5 }, () => timed(() => maintainers.lookupAll(paths))));
  const perPath = median(Array.from({ length: 5 }, () => timed(() => paths.forEach((path) => maintainers.lookup(path)))));
  log(
    `maintainers 50 paths in process: first run ${first.toFixed(2)} ms (${(PERL_50_FILES_MS / first).toFixed(0)}x get_maintainer.pl), ` +
      `again ${again.toFixed(2)} ms, one lookup per path ${perPath.toFixed(2)} ms`,
  );

  if (!existsSync(CLI_MAIN)) {
    log(`maintainers CLI: skipped, ${CLI_MAIN} is missing (npm run build)`);
    return;
  }
  const args = [BIN, "maintainers", "--file", files.maintainers, "--mailmap", files.mailmap, "--dirs", files.directories, ...paths, "--json"];
  const medianOf5 = (runArgs: string[]) => median(Array.from({ length: 5 }, () => wallMs(process.execPath, runArgs)));
  const cli = medianOf5(args);
  // What the process costs before the command runs: node itself, then loading every CLI command.
  const bare = medianOf5(["-e", ""]);
  const loadCli = medianOf5(["--input-type=module", "-e", `await import(${JSON.stringify(pathToFileURL(CLI_MAIN).href)})`]);
  log(
    `maintainers CLI, 50 paths, whole process: ${cli.toFixed(0)} ms median of 5 (${(PERL_50_FILES_MS / cli).toFixed(0)}x get_maintainer.pl); ` +
      `bare node start-up ${bare.toFixed(0)} ms, node loading lib/cli/main.js ${loadCli.toFixed(0)} ms`,
  );
}
