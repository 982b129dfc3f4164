import { parseQuotedList } from "../fields/address-list.js";
import { parseGoDuration } from "../fields/duration.js";
import type { Direction, RunResult, StepKind } from "../schema.js";

type NextStep = Extract<StepKind, "original" | "release" | "head" | "merge-base" | "parent">;
const next = (step: NextStep, release: string | null = null): LogLine => ({ kind: "next-step", step, release });

/**
 * Every line syzbot writes in a bisection log, 2018 to now
 * (../shared/docs/syzbot-formats.md section 1), as a typed event.
 */
export type LogLine =
  | { kind: "host"; host: string; time: string }
  | { kind: "start"; direction: Direction; sha: string }
  | { kind: "syzkaller"; sha: string }
  /** Announces what the next `testing commit` is: the original commit, a release, HEAD, ... */
  | { kind: "next-step"; step: NextStep; release: string | null }
  | { kind: "testing"; sha: string; compiler: string | null }
  | { kind: "compiler"; value: string }
  | { kind: "signature"; value: string }
  | { kind: "run"; index: number | null; result: RunResult; title: string | null }
  | { kind: "representative"; title: string }
  | { kind: "false-negative"; value: number }
  | { kind: "flaky"; chance: number | null }
  | { kind: "undetermined" }
  | { kind: "build-failed"; sha: string; detail: string }
  | { kind: "bisect-start"; bad: string; good: string[] }
  | { kind: "bisect-verdict"; verdict: "good" | "bad" | "skip"; sha: string }
  | { kind: "bisecting" }
  | { kind: "checkout"; sha: string; subject: string }
  | { kind: "only-skipped" }
  | { kind: "bare-sha"; sha: string }
  | { kind: "first-bad"; sha: string }
  | { kind: "error-probability"; value: number }
  | { kind: "culprit-signature"; value: string }
  | { kind: "parent-signature"; value: string }
  | { kind: "revisions"; count: number; total: string; build: string; test: string }
  | { kind: "result-commit"; direction: Direction; sha: string; subject: string }
  | { kind: "recipients"; which: "to" | "cc" | "all"; list: string[] }
  | { kind: "crash"; title: string }
  | { kind: "inconclusive"; direction: Direction }
  | { kind: "no-range"; which: "oldest" | "head" | "head-errors" | "either" | "merge-base" }
  | { kind: "commit-msg"; title: string }
  | { kind: "error"; message: string }
  /** A known line whose value is missing: hard wrapping moved it to the next line. */
  | { kind: "wrapped" };

const SHA = "([0-9a-f]{40})";
const sha40 = /^[0-9a-f]{40}$/;
/** Longer lines are crash text or build output; no log line is this long. */
const MAX_LOG_LINE = 4096;

type Rule = [prefix: string, pattern: RegExp | null, build: (m: RegExpExecArray) => LogLine | null];

const RUN_RESULTS: [string, RunResult][] = [
  ["OK", "ok"],
  ["crashed: ", "crashed"],
  ["boot failed: ", "boot-failed"],
  ["basic kernel testing failed: ", "test-failed"],
  ["infra problem: ", "infra"],
  ["ignore: ", "ignored"],
  ["failed: ", "failed"],
];

function runResult(text: string): { result: RunResult; title: string | null } | null {
  for (const [prefix, result] of RUN_RESULTS) {
    if (result === "ok" ? text === prefix : text.startsWith(prefix)) {
      return { result, title: result === "ok" ? null : text.slice(prefix.length) };
    }
  }
  return null;
}

const m1 = (m: RegExpExecArray, i = 1) => m[i] ?? "";

const RULES: Rule[] = [
  ["bisecting cause commit starting from", new RegExp(`^bisecting cause commit starting from ${SHA}$`), (m) => ({ kind: "start", direction: "cause", sha: m1(m) })],
  ["bisecting fixing commit since", new RegExp(`^bisecting fixing commit since ${SHA}$`), (m) => ({ kind: "start", direction: "fix", sha: m1(m) })],
  ["building syzkaller on", new RegExp(`^building syzkaller on ${SHA}$`), (m) => ({ kind: "syzkaller", sha: m1(m) })],
  ["ensuring issue is reproducible on original commit", new RegExp(`^ensuring issue is reproducible on original commit ${SHA}$`), () => next("original")],
  ["testing release ", /^testing release (\S+)$/, (m) => next("release", m1(m))],
  ["testing current HEAD", new RegExp(`^testing current HEAD ${SHA}$`), () => next("head")],
  ["testing commit", new RegExp(`^testing commit ${SHA}(?: with (.+)| (\\S+))?$`), (m) => ({ kind: "testing", sha: m1(m), compiler: m[2] ?? m[3] ?? null })],
  ["parent commit ", new RegExp(`^parent commit ${SHA} wasn't tested$`), () => next("parent")],
  ["compiler: ", /^compiler: (.+)$/, (m) => ({ kind: "compiler", value: m1(m) })],
  ["kernel signature:", /^kernel signature: ([0-9a-f]{40,64})$/, (m) => ({ kind: "signature", value: m1(m) })],
  ["all runs: ", /^all runs: (.+)$/, (m) => {
    const r = runResult(m1(m));
    return r && { kind: "run", index: null, ...r };
  }],
  ["run #", /^run #(\d{1,4}): (.+)$/, (m) => {
    const r = runResult(m1(m, 2));
    return r && { kind: "run", index: Number(m1(m)), ...r };
  }],
  ["representative crash: ", /^representative crash: (.*), types: \[[^\]]*\]$/, (m) => ({ kind: "representative", title: m1(m) })],
  ["false negative chance: ", /^false negative chance: (\d+(?:\.\d+)?)$/, (m) => ({ kind: "false-negative", value: Number(m1(m)) })],
  ["reproducer seems to be flaky", null, () => ({ kind: "flaky", chance: null })],
  ["Reproducer flagged being flaky", null, () => ({ kind: "flaky", chance: null })],
  ["reproducer is flaky", /^reproducer is flaky \((\d+(?:\.\d+)?) repro chance estimate\)$/, (m) => ({ kind: "flaky", chance: Number(m1(m)) })],
  ["unable to determine the verdict:", null, () => ({ kind: "undetermined" })],
  ["failed building ", new RegExp(`^failed building ${SHA}:\\s*(.*)$`), (m) => ({ kind: "build-failed", sha: m1(m), detail: m1(m, 2) })],
  ["# git bisect start", /^# git bisect start((?: [\w.\-/]{1,100}){2,})$/, (m) => {
    const [bad, ...good] = m1(m).trim().split(" ");
    return { kind: "bisect-start", bad: bad ?? "", good };
  }],
  ["# git bisect ", new RegExp(`^# git bisect (good|bad|skip) ${SHA}$`), (m) => ({ kind: "bisect-verdict", verdict: m1(m) as "good" | "bad" | "skip", sha: m1(m, 2) })],
  ["Bisecting: ", null, () => ({ kind: "bisecting" })],
  ["[", new RegExp(`^\\[${SHA}\\] ?(.*)$`), (m) => ({ kind: "checkout", sha: m1(m), subject: m1(m, 2) })],
  ["There are only 'skip'ped commits left to test.", null, () => ({ kind: "only-skipped" })],
  ["The first bad commit could be any of:", null, () => ({ kind: "only-skipped" })],
  ["We cannot bisect more!", null, () => ({ kind: "only-skipped" })],
  ["accumulated error probability: ", /^accumulated error probability: (\d+(?:\.\d+)?)$/, (m) => ({ kind: "error-probability", value: Number(m1(m)) })],
  ["culprit signature:", /^culprit signature: ([0-9a-f]+)$/, (m) => ({ kind: "culprit-signature", value: m1(m) })],
  ["parent ", /^parent +signature: ([0-9a-f]+)$/, (m) => ({ kind: "parent-signature", value: m1(m) })],
  ["revisions tested: ", /^revisions tested: (\d+), total time: (\S+) \(build: (\S+), test: (\S+)\)$/, (m) => ({ kind: "revisions", count: Number(m1(m)), total: m1(m, 2), build: m1(m, 3), test: m1(m, 4) })],
  ["first bad commit:", new RegExp(`^first bad commit: ${SHA}(?: (.*))?$`), (m) => ({ kind: "result-commit", direction: "cause", sha: m1(m), subject: m1(m, 2) })],
  ["first good commit:", new RegExp(`^first good commit: ${SHA}(?: (.*))?$`), (m) => ({ kind: "result-commit", direction: "fix", sha: m1(m), subject: m1(m, 2) })],
  ["recipients (to): ", /^recipients \(to\): (\[.*\])$/, (m) => listLine("to", m1(m))],
  ["recipients (cc): ", /^recipients \(cc\): (\[.*\])$/, (m) => listLine("cc", m1(m))],
  ["cc: [", /^cc: (\[.*\])$/, (m) => listLine("all", m1(m))],
  ["crash: ", /^crash: (.+)$/, (m) => ({ kind: "crash", title: m1(m) })],
  ["bisection is inconclusive, the first bad commit could be any of:", null, () => ({ kind: "inconclusive", direction: "cause" })],
  ["bisection is inconclusive, the first good commit could be any of:", null, () => ({ kind: "inconclusive", direction: "fix" })],
  ["the crash already happened on the oldest tested release", null, () => ({ kind: "no-range", which: "oldest" })],
  ["oldest tested release already had the bug", null, () => ({ kind: "no-range", which: "oldest" })],
  ["crash still not fixed/happens on the oldest tested release", null, () => ({ kind: "no-range", which: "either" })],
  ["the crash still happens on HEAD", null, () => ({ kind: "no-range", which: "head" })],
  ["crash still not fixed", null, () => ({ kind: "no-range", which: "head" })],
  ["HEAD had kernel build, boot or test errors", null, () => ({ kind: "no-range", which: "head-errors" })],
  ["reproducer does not crash the merge base", null, () => ({ kind: "no-range", which: "merge-base" })],
  ["commit msg: ", /^commit msg: (.*)$/, (m) => ({ kind: "commit-msg", title: m1(m) })],
  ["error: ", /^error: (.+)$/, (m) => ({ kind: "error", message: m1(m) })],
];

function listLine(which: "to" | "cc" | "all", text: string): LogLine | null {
  const list = parseQuotedList(text);
  return list ? { kind: "recipients", which, list: list.map((a) => a.toLowerCase()) } : null;
}

/** Prefixes whose value hard wrapping can push to the next line. */
const WRAPPABLE = new Set([
  "bisecting cause commit starting from",
  "bisecting fixing commit since",
  "building syzkaller on",
  "ensuring issue is reproducible on original commit",
  "testing current HEAD",
  "testing commit",
  "kernel signature:",
  "# git bisect start",
  "culprit signature:",
  "parent ",
  "revisions tested: ",
  "first bad commit:",
  "first good commit:",
  "recipients (to): ",
  "recipients (cc): ",
  "cc: [",
]);

/** The rules by the first character of their prefix: most lines of a log (and all of a crash report) try none. */
const RULES_BY_FIRST_CHAR = new Map<string, Rule[]>();
for (const rule of RULES) {
  const first = rule[0][0] ?? "";
  RULES_BY_FIRST_CHAR.set(first, [...(RULES_BY_FIRST_CHAR.get(first) ?? []), rule]);
}

export function classifyLogLine(text: string): LogLine | null {
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_LOG_LINE) return null;
  for (const [prefix, pattern, build] of RULES_BY_FIRST_CHAR.get(t[0] ?? "") ?? []) {
    if (!t.startsWith(prefix)) continue;
    if (!pattern) return build([] as unknown as RegExpExecArray);
    const m = pattern.exec(t);
    if (m) {
      const line = build(m);
      if (line) return line;
    }
    if (WRAPPABLE.has(prefix)) return { kind: "wrapped" };
  }
  if (sha40.test(t)) return { kind: "bare-sha", sha: t };
  if (t.length > 40 && t.endsWith(" is the first bad commit") && sha40.test(t.slice(0, 40))) {
    return { kind: "first-bad", sha: t.slice(0, 40) };
  }
  if (t.endsWith(" is a merge base, check if it has the bug") && sha40.test(t.slice(0, 40))) {
    return next("merge-base");
  }
  const host = t.indexOf(" starts bisection ");
  if (host > 0) return { kind: "host", host: t.slice(0, host), time: t.slice(host + " starts bisection ".length) };
  return null;
}

export function durationOf(text: string): { text: string; seconds: number } | null {
  const seconds = parseGoDuration(text);
  return seconds === null ? null : { text, seconds };
}
