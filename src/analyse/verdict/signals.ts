// What a bisection log says about whether its culprit can be trusted: facts only, each one a
// maintainer can find in the log. Which of them decide, and how much, is rule.ts's business.
import type { Report, Step, WarningCode } from "../../parse/schema.js";
import { classifyPath, crashArch, type PathKind } from "./paths.js";

/**
 * Crash titles the test machinery produces whatever kernel it runs (vm/vm.go, the executor's
 * own failures): they never identify the bug, so they are not the bug's titles either.
 */
const INFRA_TITLE_PREFIXES = ["no output from test machine", "lost connection to test machine", "timed out", "SYZFAIL:", "SYZFATAL:"];

export function isInfraTitle(title: string): boolean {
  return INFRA_TITLE_PREFIXES.some((prefix) => title.startsWith(prefix));
}

export interface NoKernelCode {
  /** The culprit's paths by what they are to the tested kernel; none is "code". */
  paths: Partial<Record<Exclude<PathKind, "code">, string[]>>;
  arch: string;
}

export interface OtherCrash {
  /** Tested commits counted as crashing although none of their crashes was the bug's. */
  commits: number;
  /** Commits the reproducer ran on, the original one included. */
  tested: number;
  /** The other titles, most frequent first. */
  titles: string[];
}

/** The evidence behind each signal, for the reason's wording. */
export interface SignalDetails {
  // syzbot's own four flags, as the parser recomputes them from the log.
  merge: { subject: string };
  noop: { signature: string };
  release: { subject: string };
  /** Above syzbot's limit, LOW_CONFIDENCE_ERROR_PROBABILITY. */
  "low-confidence": { errorProbability: number };
  "no-kernel-code": NoKernelCode;
  "other-crash": OtherCrash;
  /** The culprit shares no directory with the crash's stack. */
  "far-from-crash": { culpritDirs: string[]; crashFile: string; crashFrame: string | null };
  /** Commits on which some runs crashed and others passed, of those the reproducer ran on. */
  "disagreeing-runs": { commits: number; tested: number };
  flaky: { reproChance: number | null };
  /** KernelCI reverted the culprit on the bad commit and the test still failed. */
  "revert-check-failed": Record<string, never>;
  /** KernelCI tested the culprit again and it did not fail. */
  "verify-check-failed": Record<string, never>;
  /** A person's sentence or a commit link names the culprit: no log shows how it was found. */
  stated: { evidence: "prose" | "link" };
  /** The bisection system's report without its log: its steps cannot be checked here. */
  "report-only": { format: Report["format"] };
  /** KernelCI's revert and verify checks both passed: a reason for the culprit. */
  "checks-passed": Record<string, never>;
}

export type SignalId = keyof SignalDetails;

/** Each signal's evidence, null when the log does not show it. */
export type Signals = { [K in SignalId]: SignalDetails[K] | null };

/** What the parser already concluded from the log. */
export function hasWarning(report: Report, code: WarningCode): boolean {
  return report.warnings.some((w) => w.code === code);
}

function crashTitles(step: Step): string[] {
  return step.runs.flatMap((run) => (run.result === "crashed" && run.title ? [run.title] : []));
}

function originalStep(report: Report): Step | undefined {
  return report.steps.find((s) => s.kind === "original") ?? report.steps[0];
}

/** Steps that ran the reproducer. */
function tests(report: Report): Step[] {
  return report.steps.filter((s) => s.runs.length > 0);
}

function noKernelCode(report: Report): NoKernelCode | null {
  const culprit = report.culprit;
  if (!culprit || culprit.diffstat.length === 0) return null;
  const arch = crashArch(report.crash?.stack.flatMap((f) => (f.file ? [f.file] : [])) ?? []);
  const paths: NoKernelCode["paths"] = {};
  for (const entry of culprit.diffstat) {
    const kind = classifyPath(entry, arch);
    if (kind === "code") return null;
    (paths[kind] ??= []).push(entry.path);
  }
  return { paths, arch };
}

/**
 * The bug is what the reproducer did to the original commit: its main crash and any other crash
 * seen there but the machinery's own failures. A later commit that counted as crashing with none
 * of those titles led the bisection after something else.
 */
function otherCrash(report: Report): OtherCrash | null {
  const original = originalStep(report);
  if (!original || !report.originalCrashTitle) return null;
  const bug = new Set([report.originalCrashTitle, ...crashTitles(original).filter((t) => !isInfraTitle(t))]);
  // Fix bisections call a crashing commit good.
  const crashingVerdict = report.direction === "cause" ? "bad" : "good";
  const tested = tests(report);
  const counts = new Map<string, number>();
  let commits = 0;
  for (const step of tested) {
    const titles = crashTitles(step);
    if (step === original || step.verdict !== crashingVerdict || titles.length === 0 || titles.some((t) => bug.has(t))) continue;
    commits++;
    for (const title of titles) counts.set(title, (counts.get(title) ?? 0) + 1);
  }
  if (commits === 0) return null;
  const titles = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([title]) => title);
  return { commits, tested: tested.length, titles };
}

function disagreeing(report: Report): Signals["disagreeing-runs"] {
  const tested = tests(report);
  const commits = tested.filter((s) => s.runs.some((r) => r.result === "crashed") && s.runs.some((r) => r.result === "ok")).length;
  return commits > 0 ? { commits, tested: tested.length } : null;
}

const dirname = (path: string): string => path.slice(0, path.lastIndexOf("/") + 1);

/**
 * Near means sharing a directory with the crash's stack or guilty file (a raw diffstat entry,
 * which names only a top-level directory, is near when a crash file is inside it). Paths git
 * abbreviated are not comparable; without a comparable path or a stack there is no claim.
 */
function farFromCrash(report: Report): Signals["far-from-crash"] {
  const crash = report.crash;
  const entries = report.culprit?.diffstat.filter((e) => !e.abbreviated) ?? [];
  if (!crash || entries.length === 0) return null;
  const crashFiles = [...(crash.guiltyFile ? [crash.guiltyFile] : []), ...crash.stack.flatMap((f) => (f.file ? [f.file] : []))];
  const crashFile = crashFiles[0];
  if (crashFile === undefined) return null;
  const crashDirs = new Set(crashFiles.map(dirname));
  const near = entries.some((e) => (e.directory ? crashFiles.some((f) => f.startsWith(e.path)) : crashDirs.has(dirname(e.path))));
  if (near) return null;
  // A top-level file (Makefile) stands for itself.
  const culpritDirs = [...new Set(entries.map((e) => (e.directory ? e.path : dirname(e.path) || e.path)))];
  return { culpritDirs, crashFile, crashFrame: crash.guiltyFrame };
}

export function extractSignals(report: Report): Signals {
  const culprit = report.culprit;
  const p = report.accumulatedErrorProbability;
  const checks = report.checks;
  const evidence = report.evidence;
  return {
    merge: culprit && hasWarning(report, "merge-commit") ? { subject: culprit.subject } : null,
    noop: report.culpritSignature && hasWarning(report, "noop-change") ? { signature: report.culpritSignature } : null,
    release: culprit && hasWarning(report, "release-commit") ? { subject: culprit.subject } : null,
    "low-confidence": p !== null && hasWarning(report, "low-confidence") ? { errorProbability: p } : null,
    "no-kernel-code": noKernelCode(report),
    "other-crash": otherCrash(report),
    "far-from-crash": farFromCrash(report),
    "disagreeing-runs": disagreeing(report),
    flaky: report.flaky.flagged ? { reproChance: report.flaky.reproChance } : null,
    "revert-check-failed": checks?.revert === "fail" ? {} : null,
    "verify-check-failed": checks?.verify === "fail" ? {} : null,
    stated: evidence === "prose" || evidence === "link" ? { evidence } : null,
    "report-only": evidence === "report" ? { format: report.format } : null,
    "checks-passed": checks?.revert === "pass" && checks.verify === "pass" ? {} : null,
  };
}
