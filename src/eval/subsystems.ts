// `npm run eval:subsystems`: syztriage's subsystem names against syzbot's own, on the real
// kernel paths of the syzbot study (../shared/data/syzbot-study/logs): the files its non-merge
// culprits changed and the files of its crash stacks. syzbot's answers for them are stored in
// test/fixtures/linux/syzbot-study-answers.json (how they were computed: the README there).
// `-- --paths` prints the path set instead, one a line, to compute answers for it anew.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { maintainersSource } from "../analyse/subsystems/maintainers-source.js";
import { rankSubsystems, significantSubsystems } from "../analyse/subsystems/rank.js";
import type { SubsystemSource } from "../analyse/subsystems/source.js";
import { syzbotSource } from "../analyse/subsystems/syzbot-source.js";
import { DROPPED_PATTERN, loadBundledLinux } from "../maintainers/index.js";
import { parseText } from "../parse/index.js";

const LOGS = fileURLToPath(new URL("../../../shared/data/syzbot-study/logs/", import.meta.url));
const ANSWERS = fileURLToPath(new URL("../../test/fixtures/linux/syzbot-study-answers.json", import.meta.url));

const out = (line = ""): void => void process.stdout.write(`${line}\n`);
const pct = (n: number, d: number): string => `${n}/${d} (${((100 * n) / Math.max(d, 1)).toFixed(1)}%)`;

/** The study's kernel paths: culprit files (non-merge culprits, whole paths only) and crash stack files. */
function studyPaths(): { culprit: Set<string>; crash: Set<string> } {
  const culprit = new Set<string>();
  const crash = new Set<string>();
  for (const name of readdirSync(LOGS).sort()) {
    for (const report of parseText(readFileSync(LOGS + name, "utf8")).reports) {
      if (report.culprit && !report.culprit.merge) {
        for (const entry of report.culprit.diffstat) if (!entry.abbreviated && !entry.directory) culprit.add(entry.path);
      }
      for (const frame of report.crash?.stack ?? []) if (frame.file !== null) crash.add(frame.file);
    }
  }
  return { culprit, crash };
}

interface Answers {
  /** The answer sets' names, e.g. "syzbot's generator on MAINTAINERS v7.1.2". */
  readonly sets: readonly string[];
  /** path -> one space-separated name list per set. */
  readonly paths: Readonly<Record<string, readonly string[]>>;
}

type Namer = (path: string) => string[];

/** A source's names for one file as a culprit's only file: ranked, the significant ones, ancestors removed. */
const bySources = (sources: SubsystemSource[]): Namer => (path) =>
  significantSubsystems(rankSubsystems([{ path, lines: 1 }], sources)).map((s) => s.name);

function compare(paths: readonly string[], ours: Namer, theirs: (path: string) => string[]) {
  let same = 0;
  let first = 0;
  const differences = new Map<string, string[]>();
  for (const path of paths) {
    const mine = ours(path);
    const expected = theirs(path);
    const key = `${[...mine].sort().join(" ") || "-"} / ${expected.join(" ") || "-"}`;
    if (mine.length === expected.length && mine.every((name) => expected.includes(name))) same++;
    else differences.set(key, [...(differences.get(key) ?? []), path]);
    if (mine[0] !== undefined && expected.includes(mine[0])) first++;
  }
  return { same, first, differences };
}

if (!existsSync(LOGS)) {
  out(`no study data at ${LOGS}: nothing to measure`);
} else if (process.argv.includes("--paths")) {
  const { culprit, crash } = studyPaths();
  out([...new Set([...culprit, ...crash])].sort().join("\n"));
} else {
  const answers = JSON.parse(readFileSync(ANSWERS, "utf8")) as Answers;
  const { culprit, crash } = studyPaths();
  const all = [...new Set([...culprit, ...crash])].sort();
  const missing = all.filter((path) => answers.paths[path] === undefined);
  const { maintainers, subsystems } = loadBundledLinux();
  const namers: [string, Namer][] = [
    ["syzbot's list (SubsystemList.match)", (path) => subsystems.match(path)],
    ["the app's naming: syzbotSource, then maintainersSource", bySources([syzbotSource(subsystems), maintainersSource(maintainers)])],
    ["the old naming: maintainersSource alone", bySources([maintainersSource(maintainers)])],
  ];
  out(`syzbot study: ${all.length} kernel paths (${culprit.size} culprit files of non-merge culprits, ${crash.size} crash stack files)`);
  if (missing.length > 0) out(`${missing.length} paths have no stored answer and are left out (refresh: see the answers' README)`);
  const judged = all.filter((path) => answers.paths[path] !== undefined);
  const ignored = judged.filter((path) => DROPPED_PATTERN.test(path));
  out(
    `${ignored.length} of them are where syzbot ignores MAINTAINERS on purpose (Documentation/, scripts/, samples/, tools/, Makefiles); ` +
      `there the app's naming puts syzbot's dropped patterns back, or asks MAINTAINERS`,
  );
  answers.sets.forEach((set, index) => {
    const theirs = (path: string) => (answers.paths[path]?.[index] ?? "").split(" ").filter((name) => name !== "");
    out();
    out(`against ${set}:`);
    out(`${"".padEnd(70)}same set            first name among syzbot's`);
    for (const [name, ours] of namers) {
      const { same, first } = compare(judged, ours, theirs);
      out(`  ${name.padEnd(68)}${pct(same, judged.length).padEnd(20)}${pct(first, judged.length)}`);
    }
    const rest = judged.filter((path) => !DROPPED_PATTERN.test(path));
    const app = compare(rest, namers[1]![1], theirs);
    out(`  ${"the app's naming, where syzbot does not ignore MAINTAINERS".padEnd(68)}${pct(app.same, rest.length).padEnd(20)}${pct(app.first, rest.length)}`);
    for (const [name, ours] of namers.slice(0, 2)) {
      const { differences } = compare(judged, ours, theirs);
      if (differences.size === 0) continue;
      out(`  where ${name} differs (ours / syzbot's: paths):`);
      const rows = [...differences].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
      for (const [key, paths] of rows.slice(0, 25)) out(`    ${key}: ${paths.length} (${paths.slice(0, 3).join(", ")}${paths.length > 3 ? ", ..." : ""})`);
      if (rows.length > 25) out(`    ... and ${rows.length - 25} more kinds`);
    }
  });
}
