// The reasons in words a maintainer can check against the log.
import type { Outcome, Report } from "../../parse/schema.js";
import { LOW_CONFIDENCE_ERROR_PROBABILITY } from "../../parse/warnings.js";
import type { PathKind } from "./paths.js";
import type { SignalDetails, SignalId, Signals } from "./signals.js";

const MAX_LISTED = 3;

function list(items: readonly string[], quote = false): string {
  const shown = items.slice(0, MAX_LISTED).map((item) => (quote ? `"${item}"` : item));
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

const percent = (p: number): string => `${Math.round(p * 100)}%`;

/** Whose report a result without its log is. */
const REPORT_OF: Record<Report["format"], string> = {
  "bisection-log": "syzbot's log",
  "syzbot-email": "syzbot's report",
  "markdown-report": "syzbot's report",
  kernelci: "KernelCI's report",
  "git-bisect-log": "git's result lines",
  statement: "the sentence",
};

const PATH_KIND_WORDS: Record<Exclude<PathKind, "code">, (arch: string) => string> = {
  outside: () => "files outside the kernel build",
  "other-arch": (arch) => `code of another architecture than ${arch}`,
  "build-config": () => "build configuration, which decides what is built, not how it behaves",
};

/** `commit` is "the culprit", or "the fixing commit" for a fix bisection. */
const REASONS: { [K in SignalId]: (details: SignalDetails[K], commit: string) => string } = {
  merge: (d, commit) => `${commit} is a merge commit ("${d.subject}"): the change that matters is in one of the merged branches`,
  noop: (d, commit) =>
    `${commit} and its parent build the same kernel binary (both have kernel signature ${d.signature.slice(0, 12)}): the commit cannot have changed its behaviour`,
  release: (d, commit) => `${commit} is the release commit "${d.subject}", which only changes the version`,
  "no-kernel-code": (d, commit) => {
    const parts = Object.entries(d.paths).map(([kind, paths]) => `${PATH_KIND_WORDS[kind as keyof typeof PATH_KIND_WORDS](d.arch)} (${list(paths)})`);
    return `${commit} changes no code of the tested kernel, only ${parts.join(" and ")}`;
  },
  "low-confidence": (d) =>
    `syzbot estimates a ${percent(d.errorProbability)} chance that the bisection went wrong (it withholds culprits above ${percent(LOW_CONFIDENCE_ERROR_PROBABILITY)})`,
  "other-crash": (d) =>
    `${d.commits} of ${d.tested} tested commits counted as crashing only with a different title than the original (${list(d.titles, true)}): the bisection may have followed another bug`,
  "far-from-crash": (d, commit) =>
    `${commit} changes ${list(d.culpritDirs)} but the crash is in ${d.crashFile}${d.crashFrame ? ` (${d.crashFrame})` : ""}, and no file of its stack is in those directories`,
  "disagreeing-runs": (d) =>
    `on ${d.commits} of ${d.tested} tested commits some runs crashed and others did not: a flaky reproducer can make a commit with the bug look good`,
  flaky: (d) => `syzbot flagged the reproducer as flaky${d.reproChance === null ? "" : ` (it crashes ${percent(d.reproChance)} of the time)`}`,
  "revert-check-failed": (_d, commit) => `KernelCI's revert check failed: with ${commit} reverted the test still fails, so it may not be the cause`,
  "verify-check-failed": (_d, commit) => `KernelCI's verify check failed: ${commit} did not fail the test again`,
  stated: (d, commit) =>
    `${commit} is only ${d.evidence === "link" ? "linked" : "named in a sentence"}, without the bisection's log: nothing here shows how it was found`,
  "report-only": (d) => `the verdict rests on ${REPORT_OF[d.format]} alone: the bisection's log is not in the text`,
  "checks-passed": (_d, commit) => `KernelCI checked the result: with ${commit} reverted the test passes, and ${commit} alone fails it`,
};

function describe<K extends SignalId>(id: K, details: SignalDetails[K], commit: string): string {
  return REASONS[id](details, commit);
}

/** The reason for a signal the log shows. */
export function describeSignal(id: SignalId, signals: Signals, direction: Report["direction"]): string {
  const details = signals[id];
  if (details === null) throw new Error(`no evidence for signal ${id}`);
  return describe(id, details, direction === "fix" ? "the fixing commit" : "the culprit");
}

const NO_CULPRIT: Record<Exclude<Outcome, "culprit">, (report: Report) => string> = {
  candidates: (r) => `the bisection is inconclusive: any of ${r.candidates.length} commits could be the one`,
  "oldest-release": () => "the crash already happens on the oldest tested release, so no commit was found",
  "still-crashes": () => "the crash still happens on the newest tested commit, so no fixing commit was found",
  error: (r) => `the bisection failed${r.error ? `: ${r.error}` : ""}`,
  incomplete: () => "the log ends before the bisection's result",
  "merge-base-bad": () => "the merge base of the good and bad commits already has the bug, so it was fixed in between and no commit was found",
};

/** Why there is nothing to trust when the log names no single commit. */
export function describeNoCulprit(outcome: Exclude<Outcome, "culprit">, report: Report): string {
  return NO_CULPRIT[outcome](report);
}
