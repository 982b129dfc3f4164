// How well the verdict separates right from wrong culprits on labelled bisections (the study's
// bugs-dev.csv): per-signal counts, the confusion table, syzbot's own flags as the baseline,
// and cross-validation of the rule's one tuned number. Pure: the caller reads the files.
import { parseText, type Report } from "../../parse/index.js";
import { judge, RULE, type RuleOptions } from "./rule.js";
import { extractSignals, hasWarning, isInfraTitle, type Signals } from "./signals.js";

/** The goal the rule was built for. */
export const GOAL = { minRecall: 0.6, maxFalsePositiveRate: 0.15 };

export interface StudyCase {
  bugId: string;
  /** The study's ground truth: the culprit is the commit that introduced the bug. */
  correct: boolean;
  syzbotStatus: string;
  report: Report;
  signals: Signals;
}

/** The labelled rows (culprit_correct 1 or 0) whose log names a culprit. */
export function studyCases(rows: readonly Record<string, string>[], readLog: (file: string) => string): StudyCase[] {
  const out: StudyCase[] = [];
  for (const row of rows) {
    const label = row.culprit_correct;
    if (label !== "1" && label !== "0") continue;
    const report = parseText(readLog(row.log_file ?? "")).reports.find((r) => r.outcome === "culprit");
    if (!report) continue;
    out.push({ bugId: row.bug_id ?? "", correct: label === "1", syzbotStatus: row.syzbot_status ?? "", report, signals: extractSignals(report) });
  }
  return out;
}

function distinctCrashTitles(r: Report): number {
  return new Set(r.steps.flatMap((s) => s.runs.flatMap((run) => (run.result === "crashed" && run.title && !isInfraTitle(run.title) ? [run.title] : [])))).size;
}

function skippedShare(r: Report): number {
  const bisect = r.steps.filter((s) => s.kind === "bisect");
  return bisect.length === 0 ? 0 : bisect.filter((s) => s.verdict === "skip").length / bisect.length;
}

const otherCrashes = (c: StudyCase): number => c.signals["other-crash"]?.commits ?? 0;
const kernelPaths = (c: StudyCase) => c.signals["no-kernel-code"]?.paths;

/** Every signal considered, used by the rule or not, so the choice is visible. */
export const CANDIDATES: readonly { name: string; seen: (c: StudyCase) => boolean }[] = [
  { name: "merge commit [syzbot]", seen: (c) => c.signals.merge !== null },
  { name: "culprit and parent signatures equal [syzbot]", seen: (c) => c.signals.noop !== null },
  { name: "release commit [syzbot]", seen: (c) => c.signals.release !== null },
  { name: "accumulated error probability > 0.34 [syzbot]", seen: (c) => c.signals["low-confidence"] !== null },
  { name: "no kernel code changed", seen: (c) => c.signals["no-kernel-code"] !== null },
  { name: "  with files outside the build", seen: (c) => kernelPaths(c)?.outside !== undefined },
  { name: "  with another architecture", seen: (c) => kernelPaths(c)?.["other-arch"] !== undefined },
  { name: "  with build configuration", seen: (c) => kernelPaths(c)?.["build-config"] !== undefined },
  { name: "any of the above (decisive in the rule)", seen: (c) => judge(c.signals).score === 0 },
  { name: "commits counted as crashing on another crash >= 1", seen: (c) => otherCrashes(c) >= 1 },
  { name: "commits counted as crashing on another crash >= 2", seen: (c) => otherCrashes(c) >= 2 },
  { name: "commits counted as crashing on another crash >= 3", seen: (c) => otherCrashes(c) >= 3 },
  { name: "commits counted as crashing on another crash >= 5", seen: (c) => otherCrashes(c) >= 5 },
  { name: "crash titles change along the bisection", seen: (c) => distinctCrashTitles(c.report) > 1 },
  { name: "culprit's crash title differs from the original", seen: (c) => hasWarning(c.report, "culprit-title-differs") },
  { name: "culprit far from the crash's stack", seen: (c) => c.signals["far-from-crash"] !== null },
  { name: "runs disagree on a commit", seen: (c) => c.signals["disagreeing-runs"] !== null },
  { name: "reproducer flagged flaky", seen: (c) => c.signals.flaky !== null },
  { name: "skipped commits", seen: (c) => hasWarning(c.report, "skipped-commits") },
  { name: "a fifth or more of the bisection steps skipped", seen: (c) => skippedShare(c.report) >= 0.2 },
  { name: "build failures", seen: (c) => hasWarning(c.report, "build-failures") },
  { name: "boot, test or infra errors", seen: (c) => hasWarning(c.report, "infra-errors") },
  { name: "compiler changed", seen: (c) => hasWarning(c.report, "compiler-changed") },
  { name: "more than 14 bisection steps", seen: (c) => c.report.steps.filter((s) => s.kind === "bisect").length > 14 },
];

export interface Confusion {
  right: { reliable: number; unreliable: number };
  wrong: { reliable: number; unreliable: number };
  /** Of the culprits called unreliable, the share that is wrong. */
  precision: number;
  /** Of the wrong culprits, the share called unreliable. */
  recall: number;
  /** Of the right culprits, the share called unreliable. */
  falsePositiveRate: number;
}

const ratio = (n: number, d: number): number => (d === 0 ? 0 : n / d);

export function confusion(cases: readonly StudyCase[], unreliable: (c: StudyCase) => boolean): Confusion {
  const right = { reliable: 0, unreliable: 0 };
  const wrong = { reliable: 0, unreliable: 0 };
  for (const c of cases) (c.correct ? right : wrong)[unreliable(c) ? "unreliable" : "reliable"]++;
  return {
    right,
    wrong,
    precision: ratio(wrong.unreliable, wrong.unreliable + right.unreliable),
    recall: ratio(wrong.unreliable, wrong.unreliable + wrong.reliable),
    falsePositiveRate: ratio(right.unreliable, right.unreliable + right.reliable),
  };
}

export const ruleUnreliable =
  (options: RuleOptions = RULE) =>
  (c: StudyCase): boolean =>
    !judge(c.signals, options).reliable;

/** The chance that a right culprit scores higher than a wrong one (ties count half): 0.5 is no better than a coin. */
export function scoreRanking(cases: readonly StudyCase[]): number {
  const score = (c: StudyCase): number => judge(c.signals).score;
  const right = cases.filter((c) => c.correct).map(score);
  const wrong = cases.filter((c) => !c.correct).map(score);
  let wins = 0;
  for (const r of right) for (const w of wrong) wins += r > w ? 1 : r === w ? 0.5 : 0;
  return ratio(wins, right.length * wrong.length);
}

/** What syzbot did with these culprits: the status it gave, and its four flags recomputed from the log. */
export const BASELINES: readonly { name: string; unreliable: (c: StudyCase) => boolean }[] = [
  { name: 'syzbot status "unreliable" (vs "done")', unreliable: (c) => c.syzbotStatus === "unreliable" },
  {
    name: "syzbot's four flags recomputed from the log",
    unreliable: (c) => c.signals.merge !== null || c.signals.noop !== null || c.signals.release !== null || c.signals["low-confidence"] !== null,
  },
];

/** The values tried for the rule's one tuned number. */
export const MIN_OTHER_CRASH_GRID = [1, 2, 3, 4, 5];

/** The most recall within the goal's false-positive limit, the smallest value on ties; the largest (fewest flagged) when none fits. */
function tune(cases: readonly StudyCase[]): RuleOptions {
  let best: { options: RuleOptions; recall: number } | null = null;
  for (const minOtherCrashCommits of MIN_OTHER_CRASH_GRID) {
    const options = { minOtherCrashCommits };
    const c = confusion(cases, ruleUnreliable(options));
    if (c.falsePositiveRate > GOAL.maxFalsePositiveRate) continue;
    if (!best || c.recall > best.recall) best = { options, recall: c.recall };
  }
  return best?.options ?? { minOtherCrashCommits: MIN_OTHER_CRASH_GRID.at(-1) ?? 1 };
}

export interface CrossValidation {
  folds: { options: RuleOptions; heldOut: Confusion }[];
  /** All held-out judgements together. */
  pooled: Confusion;
}

/** k-fold by bug id (sorted ids dealt round-robin, so the folds are deterministic): tune on k-1 folds, judge the held-out one. */
export function crossValidate(cases: readonly StudyCase[], k = 5): CrossValidation {
  const sorted = [...cases].sort((a, b) => (a.bugId < b.bugId ? -1 : a.bugId > b.bugId ? 1 : 0));
  const foldOf = new Map(sorted.map((c, i) => [c, i % k]));
  const heldOutUnreliable = new Map<StudyCase, boolean>();
  const folds: CrossValidation["folds"] = [];
  for (let fold = 0; fold < k; fold++) {
    const options = tune(sorted.filter((c) => foldOf.get(c) !== fold));
    const heldOut = sorted.filter((c) => foldOf.get(c) === fold);
    const unreliable = ruleUnreliable(options);
    for (const c of heldOut) heldOutUnreliable.set(c, unreliable(c));
    folds.push({ options, heldOut: confusion(heldOut, unreliable) });
  }
  return { folds, pooled: confusion(sorted, (c) => heldOutUnreliable.get(c) ?? false) };
}
