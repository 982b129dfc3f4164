import type { Report, Step, Warning } from "./schema.js";

/** syzbot withholds a culprit whose confidence is below 0.66 (syz-ci/jobs.go). */
export const LOW_CONFIDENCE_ERROR_PROBABILITY = 0.34;
const RELEASE_SUBJECT = /^Linux \d+\.\d+(?:\.\d+)?(?:-rc\d+)?$/;

/** A release commit's subject (`Linux 5.3`, `Linux 6.1-rc4`): it changes no code. */
export function isReleaseSubject(subject: string): boolean {
  return RELEASE_SUBJECT.test(subject);
}
const PROBLEM_RUNS = new Set(["boot-failed", "test-failed", "infra", "failed"]);

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function crashTitles(steps: Step[]): string[] {
  const titles = new Set<string>();
  for (const step of steps) for (const run of step.runs) if (run.result === "crashed" && run.title) titles.add(run.title);
  return [...titles];
}

/** What the log itself says about how far its result can be trusted, in words a maintainer can check. */
export function logWarnings(report: Report): Warning[] {
  const out: Warning[] = [];
  const add = (code: Warning["code"], message: string) => out.push({ code, message });
  const culprit = report.culprit;

  if (report.outcome === "error") add("error", `The bisection failed: ${report.error ?? "unknown error"}.`);
  if (report.outcome === "incomplete") add("incomplete", "The log ends before the bisection's result; it may have been cut off.");
  if (culprit?.merge) add("merge-commit", "The culprit is a merge commit: the change that matters is inside one of the merged branches.");
  if (culprit && isReleaseSubject(culprit.subject)) add("release-commit", `The culprit is a release commit (${culprit.subject}), which changes no code.`);
  if (report.culpritSignature && report.culpritSignature === report.parentSignature) {
    add("noop-change", "The culprit and its parent build the same kernel binary: the commit cannot have changed the behaviour.");
  }
  const p = report.accumulatedErrorProbability;
  if (p !== null && p > LOW_CONFIDENCE_ERROR_PROBABILITY) {
    add("low-confidence", `syzbot estimates a ${Math.round(p * 100)}% chance that this bisection went wrong.`);
  }
  if (report.flaky.flagged) {
    const chance = report.flaky.reproChance;
    add("flaky-reproducer", chance === null ? "The reproducer is flaky." : `The reproducer is flaky (it crashes ${Math.round(chance * 100)}% of the time).`);
  }

  const disagreeing = report.steps.filter((s) => s.runs.some((r) => r.result === "crashed") && s.runs.some((r) => r.result === "ok"));
  if (disagreeing.length > 0) {
    add("disagreeing-runs", `On ${plural(disagreeing.length, "tested commit")} some runs crashed and others did not.`);
  }
  const titles = crashTitles(report.steps);
  if (titles.length > 1) {
    add("title-changed", `The crash changed along the bisection (${plural(titles.length, "different title")}): it may have followed another bug.`);
  }
  if (report.outcome === "culprit" && report.crashTitle && report.originalCrashTitle && report.crashTitle !== report.originalCrashTitle) {
    add("culprit-title-differs", `The culprit crashes with "${report.crashTitle}", not with the original "${report.originalCrashTitle}".`);
  }
  const skipped = report.steps.filter((s) => s.kind === "bisect" && s.verdict === "skip").length;
  if (skipped > 0) add("skipped-commits", `${plural(skipped, "commit")} could not be tested and ${skipped === 1 ? "was" : "were"} skipped.`);
  const builds = report.steps.filter((s) => s.buildError !== null).length;
  if (builds > 0) add("build-failures", `${plural(builds, "tested commit")} failed to build.`);
  const infra = report.steps.filter((s) => s.runs.some((r) => PROBLEM_RUNS.has(r.result))).length;
  if (infra > 0) add("infra-errors", `On ${plural(infra, "tested commit")} some runs failed to boot or test the kernel.`);
  if (report.compilers.length > 1) add("compiler-changed", `The compiler changed during the bisection (${plural(report.compilers.length, "compiler")}).`);
  if (report.outcome === "oldest-release" || report.outcome === "still-crashes") {
    const boundary = report.steps.filter((s) => s.kind === "release" || s.kind === "head").at(-1);
    if (boundary && boundary.crashed !== true) {
      add("kernel-test-errors", "The last release tested did not crash but failed to build, boot or test, so the bug's origin is unknown.");
    }
  }
  return out;
}
