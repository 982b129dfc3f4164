import type { Outcome } from "../parse/schema.js";
import type { AnalysedReport, UnjudgedDoubt } from "./reports.js";
import type { SignalId } from "./verdict/signals.js";

/** Why a result names no culprit to trust, in a few words. */
const NO_CULPRIT: Record<Exclude<Outcome, "culprit">, string> = {
  candidates: "the bisection is inconclusive",
  "oldest-release": "the bisection stopped at the oldest release it tested",
  "still-crashes": "no fixing commit was found",
  error: "the bisection failed",
  incomplete: "the log ends before the result",
  "merge-base-bad": "git found the merge base of the good and bad commits bad",
};

/** The verdict's strongest reason against a culprit, in a few words (the reasons list says it whole). */
const DOUBT: Record<Exclude<SignalId, "checks-passed">, string> = {
  merge: "the culprit is a merge commit",
  noop: "the culprit does not change the kernel binary",
  release: "the culprit is a release commit",
  "no-kernel-code": "the culprit changes no code of the tested kernel",
  "low-confidence": "syzbot itself doubts the bisection",
  "revert-check-failed": "KernelCI's revert check failed",
  "verify-check-failed": "KernelCI's verify check failed",
  "other-crash": "the bisection followed another bug's crash",
  stated: "it was only stated, with no log to check",
  "report-only": "the report comes without its log",
  "far-from-crash": "the culprit is far from the crash",
  "disagreeing-runs": "runs disagreed on the same commits",
  flaky: "the reproducer is flaky",
};

const UNJUDGED_DOUBT: Record<UnjudgedDoubt, string> = {
  merge: DOUBT.merge,
  release: DOUBT.release,
  stated: DOUBT.stated,
  untested: "git's output does not show how each commit was tested",
};

/**
 * Why a report's culprit deserves no trust, in a few words; null when it does:
 * a reliable verdict, or a bisection system's own statement of a culprit that
 * is neither a merge nor a release commit. The labels, the `Fixes:` trailer
 * and the headline all ask this one question.
 */
export function culpritDoubt(r: AnalysedReport): string | null {
  const j = r.judgement;
  switch (j.kind) {
    case "no-culprit":
      return NO_CULPRIT[r.report.outcome as Exclude<Outcome, "culprit">] ?? "there is no culprit";
    case "verdict": {
      if (j.verdict.reliable) return null;
      const strongest = j.verdict.signals[0];
      return strongest && strongest in DOUBT ? DOUBT[strongest as keyof typeof DOUBT] : "the bisection looks unreliable";
    }
    case "unjudged":
      return j.against === null ? null : UNJUDGED_DOUBT[j.against];
    default:
      return j satisfies never;
  }
}
