// The reliability rule, measured on the syzbot study's labelled culprits (npm run eval:verdict):
//
// - Decisive: the culprit cannot have changed the tested kernel (a merge commit, the same kernel
//   binary as its parent, a release commit, or only documentation / tools / another architecture
//   / build configuration), or syzbot itself would withhold it (accumulated error probability
//   above 0.34). No right culprit in the study had any of these; 26% of the wrong ones did.
// - Strong: at least one tested commit counted as crashing although none of its crashes was the
//   bug's, so the bisection may have followed another bug. Seen on 69% of the wrong culprits and
//   11% of the right ones. Either kind makes the culprit unreliable.
// - Weak: a culprit far from the crash's stack, runs that disagree on one commit, a reproducer
//   syzbot flagged as flaky. More frequent with wrong culprits, but once the signals above are
//   checked, deciding on them would flag about as many right culprits as wrong ones. They only
//   lower the score (which then ranks right culprits above wrong ones more often: 0.86 against
//   0.82) and are shown as reasons; all three together still leave the culprit reliable.
// - How the result was read (not measurable on the study, whose texts are all logs): a culprit a
//   person states in a sentence or a link is unreliable on its own (no one is mentioned for it by
//   default); a system's report without its log only lowers the score. KernelCI's own checks: a
//   failed revert or verify check is a strong reason against, both passing a reason for, which
//   makes up for the missing log.
//
// Each signal takes away a share of the trust: score = product of (1 - weight).
import type { SignalId, Signals } from "./signals.js";

export interface RuleOptions {
  /** How many commits judged on another crash make the culprit unreliable (cross-validated). */
  minOtherCrashCommits: number;
}

export const RULE: RuleOptions = { minOtherCrashCommits: 1 };

/** Reliable from this score up: a decisive signal takes the score to 0, a strong one to 0.4, all weak ones together to 0.512. */
export const THRESHOLD = 0.5;

interface SignalRule {
  id: SignalId;
  /** The share of trust the signal takes away; negative for a reason for the culprit. */
  weight: number;
  /** Beyond being present in the log. */
  fires?: (signals: Signals, options: RuleOptions) => boolean;
}

/** Strongest first: reasons are listed in this order. */
export const SIGNAL_RULES: readonly SignalRule[] = [
  { id: "merge", weight: 1 },
  { id: "noop", weight: 1 },
  { id: "release", weight: 1 },
  { id: "no-kernel-code", weight: 1 },
  { id: "low-confidence", weight: 1 },
  { id: "revert-check-failed", weight: 0.6 },
  { id: "verify-check-failed", weight: 0.6 },
  { id: "other-crash", weight: 0.6, fires: (s, o) => (s["other-crash"]?.commits ?? 0) >= o.minOtherCrashCommits },
  { id: "stated", weight: 0.6 },
  { id: "report-only", weight: 0.2 },
  { id: "far-from-crash", weight: 0.2 },
  { id: "disagreeing-runs", weight: 0.2 },
  { id: "flaky", weight: 0.2 },
  { id: "checks-passed", weight: -0.25 },
];

export interface Judgement {
  reliable: boolean;
  /** 0..1 with three decimals, higher is more trustworthy. */
  score: number;
  /** The signals that lowered the score, strongest first. */
  fired: SignalId[];
  /** The signals that raised it. */
  favouring: SignalId[];
}

export function judge(signals: Signals, options: RuleOptions = RULE): Judgement {
  const fired = SIGNAL_RULES.filter((rule) => signals[rule.id] !== null && (rule.fires?.(signals, options) ?? true));
  const product = fired.reduce((trust, rule) => trust * (1 - rule.weight), 1);
  const score = Math.round(Math.min(1, product) * 1000) / 1000;
  const ids = (keep: (weight: number) => boolean) => fired.filter((rule) => keep(rule.weight)).map((rule) => rule.id);
  return { reliable: score >= THRESHOLD, score, fired: ids((w) => w > 0), favouring: ids((w) => w < 0) };
}
