import { parseQuotedList } from "../fields/address-list.js";
import { parseGoDuration } from "../fields/duration.js";
import type { Direction, RunResult, StepKind } from "../schema.js";

type NextStep = Extract<StepKind, "original" | "release" | "head" | "merge-base" | "parent">;

/**
 * Every line syzbot writes in a bisection log, 2018 to now
 * (docs/syzbot-formats.md section 1), as a typed event.
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
/** Longer lines are crash text or build output; no log line is this long. */
const MAX_LOG_LINE = 4096;

export type LogKind = LogLine["kind"];
type LineOf<K extends LogKind> = Extract<LogLine, { kind: K }>;

/** One way syzbot writes a line of kind K. */
export interface LineRule<K extends LogKind = LogKind> {
  kind: K;
  /** The literal start of the line; null for a line known by its shape (a bare hash, `<host> starts bisection`). */
  prefix: string | null;
  /** For a shape rule, words the line must contain: most lines are ruled out without a regexp. */
  contains: string | null;
  /** The whole line; null when the prefix alone names the line. */
  pattern: RegExp | null;
  build: (m: readonly string[]) => LineOf<K> | null;
  /** Hard wrapping can push the value to the next line: the lines are joined and read again. */
  wrappable: boolean;
  /** Only syzbot's log has this line: a log pasted without its first lines starts at one. */
  syzbotOnly: boolean;
}

/** A rule of any kind (each keeps its own kind's line type). */
export type AnyLineRule = { [K in LogKind]: LineRule<K> }[LogKind];

interface RuleFlags {
  wrappable?: boolean;
  syzbotOnly?: boolean;
  contains?: string;
}

function rule<K extends LogKind>(
  kind: K,
  prefix: string | null,
  pattern: RegExp | null,
  build: (m: readonly string[]) => LineOf<K> | null,
  flags: RuleFlags = {},
): LineRule<K> {
  return { kind, prefix, contains: flags.contains ?? null, pattern, build, wrappable: flags.wrappable ?? false, syzbotOnly: flags.syzbotOnly ?? false };
}

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

const m1 = (m: readonly string[], i = 1) => m[i] ?? "";
const next = (step: NextStep, release: string | null = null): LineOf<"next-step"> => ({ kind: "next-step", step, release });
const WRAPS = { wrappable: true };
const SYZBOT = { syzbotOnly: true };
const WRAPS_SYZBOT = { wrappable: true, syzbotOnly: true };

function listLine(which: "to" | "cc" | "all", text: string): LineOf<"recipients"> | null {
  const list = parseQuotedList(text);
  return list ? { kind: "recipients", which, list: list.map((a) => a.toLowerCase()) } : null;
}

/**
 * Every line syzbot writes, one row per form: what the line is, how to recognise it, what it
 * holds, and how pasting can damage it. Prefix rows are tried in order, shape rows last.
 */
export const LINE_RULES: readonly AnyLineRule[] = [
  rule("start", "bisecting cause commit starting from", new RegExp(`^bisecting cause commit starting from ${SHA}$`), (m) => ({ kind: "start", direction: "cause", sha: m1(m) }), WRAPS),
  rule("start", "bisecting fixing commit since", new RegExp(`^bisecting fixing commit since ${SHA}$`), (m) => ({ kind: "start", direction: "fix", sha: m1(m) }), WRAPS),
  rule("syzkaller", "building syzkaller on", new RegExp(`^building syzkaller on ${SHA}$`), (m) => ({ kind: "syzkaller", sha: m1(m) }), WRAPS),
  rule("next-step", "ensuring issue is reproducible on original commit", new RegExp(`^ensuring issue is reproducible on original commit ${SHA}$`), () => next("original"), WRAPS),
  rule("next-step", "testing release ", /^testing release (\S+)$/, (m) => next("release", m1(m))),
  rule("next-step", "testing current HEAD", new RegExp(`^testing current HEAD ${SHA}$`), () => next("head"), WRAPS),
  rule("testing", "testing commit", new RegExp(`^testing commit ${SHA}(?: with (.+)| (\\S+))?$`), (m) => ({ kind: "testing", sha: m1(m), compiler: m[2] ?? m[3] ?? null }), WRAPS_SYZBOT),
  rule("next-step", "parent commit ", new RegExp(`^parent commit ${SHA} wasn't tested$`), () => next("parent")),
  rule("compiler", "compiler: ", /^compiler: (.+)$/, (m) => ({ kind: "compiler", value: m1(m) })),
  rule("signature", "kernel signature:", /^kernel signature: ([0-9a-f]{40,64})$/, (m) => ({ kind: "signature", value: m1(m) }), WRAPS),
  rule("run", "all runs: ", /^all runs: (.+)$/, (m) => {
    const r = runResult(m1(m));
    return r && { kind: "run", index: null, ...r };
  }),
  rule("run", "run #", /^run #(\d{1,4}): (.+)$/, (m) => {
    const r = runResult(m1(m, 2));
    return r && { kind: "run", index: Number(m1(m)), ...r };
  }),
  rule("representative", "representative crash: ", /^representative crash: (.*), types: \[[^\]]*\]$/, (m) => ({ kind: "representative", title: m1(m) })),
  rule("false-negative", "false negative chance: ", /^false negative chance: (\d+(?:\.\d+)?)$/, (m) => ({ kind: "false-negative", value: Number(m1(m)) })),
  rule("flaky", "reproducer seems to be flaky", null, () => ({ kind: "flaky", chance: null })),
  rule("flaky", "Reproducer flagged being flaky", null, () => ({ kind: "flaky", chance: null })),
  rule("flaky", "reproducer is flaky", /^reproducer is flaky \((\d+(?:\.\d+)?) repro chance estimate\)$/, (m) => ({ kind: "flaky", chance: Number(m1(m)) })),
  rule("undetermined", "unable to determine the verdict:", null, () => ({ kind: "undetermined" })),
  rule("build-failed", "failed building ", new RegExp(`^failed building ${SHA}:\\s*(.*)$`), (m) => ({ kind: "build-failed", sha: m1(m), detail: m1(m, 2) })),
  rule("bisect-start", "# git bisect start", /^# git bisect start((?: [\w.\-/]{1,100}){2,})$/, (m) => {
    const [bad, ...good] = m1(m).trim().split(" ");
    return { kind: "bisect-start", bad: bad ?? "", good };
  }, WRAPS_SYZBOT),
  rule("bisect-verdict", "# git bisect ", new RegExp(`^# git bisect (good|bad|skip) ${SHA}$`), (m) => ({ kind: "bisect-verdict", verdict: m1(m) as "good" | "bad" | "skip", sha: m1(m, 2) })),
  rule("bisecting", "Bisecting: ", null, () => ({ kind: "bisecting" })),
  rule("checkout", "[", new RegExp(`^\\[${SHA}\\] ?(.*)$`), (m) => ({ kind: "checkout", sha: m1(m), subject: m1(m, 2) })),
  rule("only-skipped", "There are only 'skip'ped commits left to test.", null, () => ({ kind: "only-skipped" })),
  rule("only-skipped", "The first bad commit could be any of:", null, () => ({ kind: "only-skipped" })),
  rule("only-skipped", "We cannot bisect more!", null, () => ({ kind: "only-skipped" })),
  rule("error-probability", "accumulated error probability: ", /^accumulated error probability: (\d+(?:\.\d+)?)$/, (m) => ({ kind: "error-probability", value: Number(m1(m)) })),
  rule("culprit-signature", "culprit signature:", /^culprit signature: ([0-9a-f]+)$/, (m) => ({ kind: "culprit-signature", value: m1(m) }), WRAPS_SYZBOT),
  rule("parent-signature", "parent ", /^parent +signature: ([0-9a-f]+)$/, (m) => ({ kind: "parent-signature", value: m1(m) }), WRAPS),
  rule("revisions", "revisions tested: ", /^revisions tested: (\d+), total time: (\S+) \(build: (\S+), test: (\S+)\)$/, (m) => ({ kind: "revisions", count: Number(m1(m)), total: m1(m, 2), build: m1(m, 3), test: m1(m, 4) }), WRAPS_SYZBOT),
  rule("result-commit", "first bad commit:", new RegExp(`^first bad commit: ${SHA}(?: (.*))?$`), (m) => ({ kind: "result-commit", direction: "cause", sha: m1(m), subject: m1(m, 2) }), WRAPS_SYZBOT),
  rule("result-commit", "first good commit:", new RegExp(`^first good commit: ${SHA}(?: (.*))?$`), (m) => ({ kind: "result-commit", direction: "fix", sha: m1(m), subject: m1(m, 2) }), WRAPS_SYZBOT),
  rule("recipients", "recipients (to): ", /^recipients \(to\): (\[.*\])$/, (m) => listLine("to", m1(m)), WRAPS_SYZBOT),
  rule("recipients", "recipients (cc): ", /^recipients \(cc\): (\[.*\])$/, (m) => listLine("cc", m1(m)), WRAPS_SYZBOT),
  rule("recipients", "cc: [", /^cc: (\[.*\])$/, (m) => listLine("all", m1(m)), WRAPS_SYZBOT),
  rule("crash", "crash: ", /^crash: (.+)$/, (m) => ({ kind: "crash", title: m1(m) })),
  rule("inconclusive", "bisection is inconclusive, the first bad commit could be any of:", null, () => ({ kind: "inconclusive", direction: "cause" }), SYZBOT),
  rule("inconclusive", "bisection is inconclusive, the first good commit could be any of:", null, () => ({ kind: "inconclusive", direction: "fix" }), SYZBOT),
  rule("no-range", "the crash already happened on the oldest tested release", null, () => ({ kind: "no-range", which: "oldest" })),
  rule("no-range", "oldest tested release already had the bug", null, () => ({ kind: "no-range", which: "oldest" })),
  rule("no-range", "crash still not fixed/happens on the oldest tested release", null, () => ({ kind: "no-range", which: "either" })),
  rule("no-range", "the crash still happens on HEAD", null, () => ({ kind: "no-range", which: "head" })),
  rule("no-range", "crash still not fixed", null, () => ({ kind: "no-range", which: "head" })),
  rule("no-range", "HEAD had kernel build, boot or test errors", null, () => ({ kind: "no-range", which: "head-errors" })),
  rule("no-range", "reproducer does not crash the merge base", null, () => ({ kind: "no-range", which: "merge-base" })),
  rule("commit-msg", "commit msg: ", /^commit msg: (.*)$/, (m) => ({ kind: "commit-msg", title: m1(m) })),
  rule("error", "error: ", /^error: (.+)$/, (m) => ({ kind: "error", message: m1(m) })),
  rule("bare-sha", null, /^([0-9a-f]{40})$/, (m) => ({ kind: "bare-sha", sha: m1(m) })),
  rule("first-bad", null, /^([0-9a-f]{40}) is the first bad commit$/, (m) => ({ kind: "first-bad", sha: m1(m) }), { contains: " is the first bad commit" }),
  rule("next-step", null, /^[0-9a-f]{40} is a merge base, check if it has the bug$/, () => next("merge-base"), { contains: " is a merge base" }),
  rule("host", null, /^(.+?) starts bisection (.+)$/, (m) => ({ kind: "host", host: m1(m), time: m1(m, 2) }), { contains: " starts bisection " }),
];

/** The prefix rules by the first character of their prefix: most lines of a log (and all of a crash report) try none. */
const RULES_BY_FIRST_CHAR = new Map<string, AnyLineRule[]>();
const SHAPE_RULES = LINE_RULES.filter((r) => r.prefix === null);
for (const r of LINE_RULES) {
  if (r.prefix === null) continue;
  const first = r.prefix[0] ?? "";
  RULES_BY_FIRST_CHAR.set(first, [...(RULES_BY_FIRST_CHAR.get(first) ?? []), r]);
}

/** A classified line and whether only syzbot writes it. */
export interface ClassifiedLine {
  line: LogLine;
  syzbotOnly: boolean;
}

function apply(r: AnyLineRule, t: string): ClassifiedLine | null {
  const m = r.pattern ? r.pattern.exec(t) : [t];
  const line = m && r.build(m);
  if (line) return { line, syzbotOnly: r.syzbotOnly };
  return r.wrappable && r.prefix !== null ? { line: { kind: "wrapped" }, syzbotOnly: r.syzbotOnly } : null;
}

export function classifyLogLine(text: string): ClassifiedLine | null {
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_LOG_LINE) return null;
  for (const r of RULES_BY_FIRST_CHAR.get(t[0] ?? "") ?? []) {
    if (!t.startsWith(r.prefix ?? "")) continue;
    const found = apply(r, t);
    if (found) return found;
  }
  for (const r of SHAPE_RULES) {
    if (r.contains !== null && !t.includes(r.contains)) continue;
    const found = apply(r, t);
    if (found) return found;
  }
  return null;
}

export function durationOf(text: string): { text: string; seconds: number } | null {
  const seconds = parseGoDuration(text);
  return seconds === null ? null : { text, seconds };
}
