// The MAINTAINERS matcher against get_maintainer.pl: 3.4 s for one run over 50 files (perl 5.36,
// v7.1 MAINTAINERS, --nogit, median of 5; /work/shared/docs/maintainers.md §6). Goals: 50 paths
// in process ≥100x faster, the whole `syztriage maintainers` process ≥30x faster.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadMaintainers, parseMaintainers } from "../maintainers/index.js";

const PERL_50_FILES_MS = 3430;
const SHARED = fileURLToPath(new URL("../../../shared/data/linux/", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../../test/fixtures/linux/", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/syztriage.js", import.meta.url));
const CLI_MAIN = fileURLToPath(new URL("../../lib/cli/main.js", import.meta.url));

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

export async function benchMaintainers(log: (line: string) => void): Promise<void> {
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
