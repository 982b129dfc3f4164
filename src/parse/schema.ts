import { z } from "zod";

/**
 * The parser's output contract. Tools outside the app read these field names
 * (`syztriage parse --json`), so renaming one is a breaking change.
 */

export const Sha = z.string().regex(/^[0-9a-f]{7,40}$/);

export const Person = z.object({ name: z.string(), email: z.string() });
export type Person = z.infer<typeof Person>;

export const DiffstatEntry = z.object({
  path: z.string(),
  /** Lines changed (insertions + deletions), null for binary files and raw (pre git 2.22) output. */
  lines: z.number().int().nonnegative().nullable(),
  /** git shortened the path to `.../tail`; the head of the path is unknown. */
  abbreviated: z.boolean(),
  /** A raw `:040000` entry: git listed the top-level directory, not the files in it. */
  directory: z.boolean(),
});
export type DiffstatEntry = z.infer<typeof DiffstatEntry>;

export const Commit = z.object({
  sha: Sha,
  subject: z.string(),
  author: Person.nullable(),
  /** ISO 8601 with the author's UTC offset, as git printed it. */
  date: z.string().nullable(),
  files: z.array(z.string()),
  diffstat: z.array(DiffstatEntry),
  merge: z.boolean(),
  parents: z.array(Sha),
  /** Addresses from the message trailers syzbot mails (Signed-off-by, Reviewed-by, Acked-by, Tested-by). */
  trailers: z.array(z.object({ tag: z.string(), name: z.string(), email: z.string() })),
});
export type Commit = z.infer<typeof Commit>;

export const Candidate = z.object({ sha: Sha, subject: z.string().nullable() });
export type Candidate = z.infer<typeof Candidate>;

export const RunResult = z.enum(["ok", "crashed", "boot-failed", "test-failed", "infra", "ignored", "failed"]);
export type RunResult = z.infer<typeof RunResult>;

export const Run = z.object({
  /** `run #N`; null for an `all runs:` line. */
  index: z.number().int().nonnegative().nullable(),
  result: RunResult,
  /** Crash title or error text after the verdict word, null for OK. */
  title: z.string().nullable(),
});
export type Run = z.infer<typeof Run>;

export const StepKind = z.enum(["original", "config", "release", "head", "merge-base", "bisect", "parent"]);
export type StepKind = z.infer<typeof StepKind>;

export const Step = z.object({
  sha: Sha,
  kind: StepKind,
  /** Release tag for `testing release vX.Y` steps. */
  release: z.string().nullable(),
  subject: z.string().nullable(),
  /** git's verdict as logged (`# git bisect good|bad|skip`), or inferred from the runs outside git bisect. */
  verdict: z.enum(["good", "bad", "skip"]).nullable(),
  /** Whether the reproducer crashed this revision; unlike `verdict` this does not flip for fix bisections. */
  crashed: z.boolean().nullable(),
  compiler: z.string().nullable(),
  kernelSignature: z.string().nullable(),
  buildError: z.string().nullable(),
  runs: z.array(Run),
  representativeCrash: z.string().nullable(),
  falseNegativeChance: z.number().nullable(),
  flaky: z.boolean(),
});
export type Step = z.infer<typeof Step>;

/**
 * `kernelci`: KernelCI's bisection report; `markdown-report`: a syzbot report rewritten as a Markdown
 * list (mptcp); `statement`: a culprit stated in prose or only as a commit link.
 */
export const Format = z.enum(["bisection-log", "syzbot-email", "git-bisect-log", "kernelci", "markdown-report", "statement"]);
export type Format = z.infer<typeof Format>;
export const Direction = z.enum(["cause", "fix"]);
export type Direction = z.infer<typeof Direction>;
/** `merge-base-bad`: git found the merge base of the good and bad commits bad, so the bug was fixed between them. */
export const Outcome = z.enum(["culprit", "candidates", "oldest-release", "still-crashes", "error", "incomplete", "merge-base-bad"]);
export type Outcome = z.infer<typeof Outcome>;
/**
 * How the result was read: `log`, a bisection log or git's output with the tested steps; `report`, a
 * bisection system's own report of its result without the log; `prose`, a person's sentence; `link`,
 * only a commit URL.
 */
export const Evidence = z.enum(["log", "report", "prose", "link"]);
export type Evidence = z.infer<typeof Evidence>;
export const CheckResult = z.enum(["pass", "fail"]);
/** KernelCI's `Checks:`: the culprit reverted on the bad commit passes (`revert`), the culprit itself fails again (`verify`). */
export const Checks = z.object({ revert: CheckResult.nullable(), verify: CheckResult.nullable() });
export type Checks = z.infer<typeof Checks>;

export const WarningCode = z.enum([
  "merge-commit",
  "noop-change",
  "release-commit",
  "low-confidence",
  "flaky-reproducer",
  "disagreeing-runs",
  "title-changed",
  "culprit-title-differs",
  "skipped-commits",
  "infra-errors",
  "build-failures",
  "compiler-changed",
  "error",
  "incomplete",
  "kernel-test-errors",
]);
export type WarningCode = z.infer<typeof WarningCode>;

export const Warning = z.object({ code: WarningCode, message: z.string() });
export type Warning = z.infer<typeof Warning>;

export const Verdict = z.object({
  reliable: z.boolean(),
  /** 0..1, higher is more trustworthy. */
  score: z.number().min(0).max(1),
  /** What speaks against the result, strongest first, in words to check against the log. */
  reasons: z.array(z.string()),
  /** What speaks for it (a bisection system's own checks passing). */
  support: z.array(z.string()),
  /** The ids of the signals behind `reasons`, in the same order (src/analyse/verdict/rule.ts). */
  signals: z.array(z.string()),
});
export type Verdict = z.infer<typeof Verdict>;

export const Duration = z.object({
  /** As Go printed it, e.g. `4h2m11.12s`. */
  text: z.string(),
  seconds: z.number().nonnegative(),
});

export const Links = z.object({
  dashboard: z.string().nullable(),
  bisectionLog: z.string().nullable(),
  crashReport: z.string().nullable(),
  consoleLog: z.string().nullable(),
  kernelConfig: z.string().nullable(),
  syzRepro: z.string().nullable(),
  cRepro: z.string().nullable(),
  /** KernelCI's `Plain log:`, the test log of the failing run. */
  testLog: z.string().nullable(),
});
export type Links = z.infer<typeof Links>;

export const CrashSummary = z.object({
  title: z.string().nullable(),
  /** KASAN, WARNING, GPF, LOCKDEP, HANG, LEAK, ... */
  kind: z.string().nullable(),
  /** The function the title names. */
  guiltyFrame: z.string().nullable(),
  /** The file syzbot would blame (and ask get_maintainer.pl about): lib/, headers, sanitizers skipped. */
  guiltyFile: z.string().nullable(),
  /** The main stack, innermost first. */
  stack: z.array(z.object({ func: z.string(), file: z.string().nullable() })),
  corrupted: z.boolean(),
});
export type CrashSummary = z.infer<typeof CrashSummary>;

export const Report = z.object({
  format: Format,
  evidence: Evidence,
  /** The reliability checks the bisection system ran on its result; null when it states none. */
  checks: Checks.nullable(),
  /** Named facts of the run the report states (KernelCI `Parameters:`, syzbot's `git tree`, `HEAD commit`, `compiler`). */
  parameters: z.record(z.string(), z.string()),
  /** `>` quote depth of the report's first line: 0 as written, more for an older message quoted in a reply. */
  quoteDepth: z.number().int().nonnegative(),
  direction: Direction,
  outcome: Outcome,
  culprit: Commit.nullable(),
  candidates: z.array(Candidate),
  /** The title of the crash the result is about (`crash:` line, else the original commit's crash). */
  crashTitle: z.string().nullable(),
  /** The crash seen on the commit the bisection started from: the bug being bisected. */
  originalCrashTitle: z.string().nullable(),
  recipients: z.object({ to: z.array(z.string()), cc: z.array(z.string()) }),
  startCommit: z.string().nullable(),
  revisionsTested: z.number().int().nonnegative().nullable(),
  error: z.string().nullable(),
  steps: z.array(Step),
  /** `# git bisect start <bad> <good>...`: commit hashes or release tags. */
  range: z.object({ bad: z.string(), good: z.array(z.string()) }).nullable(),
  compilers: z.array(z.string()),
  culpritSignature: z.string().nullable(),
  parentSignature: z.string().nullable(),
  accumulatedErrorProbability: z.number().nullable(),
  flaky: z.object({ flagged: z.boolean(), reproChance: z.number().nullable() }),
  totalTime: z.object({ total: Duration, build: Duration, test: Duration }).nullable(),
  startedAt: z.string().nullable(),
  host: z.string().nullable(),
  syzkallerCommit: z.string().nullable(),
  /** Title of the oldest tested release (cause) or HEAD (fix) for the no-range results. */
  boundaryCommitTitle: z.string().nullable(),
  crashReport: z.string().nullable(),
  /** What the crash report says: title, guilty frame and file, stack. */
  crash: CrashSummary.nullable(),
  /** The `syzbot+<id>@` address of `Reported-by:`. */
  reportedBy: z.string().nullable(),
  fixesTag: z.object({ sha: Sha, subject: z.string() }).nullable(),
  links: Links,
  warnings: z.array(Warning),
  verdict: Verdict.nullable(),
  /** 1-based line range of the report in the input text. */
  source: z.object({ startLine: z.number().int().positive(), endLine: z.number().int().positive() }),
});
export type Report = z.infer<typeof Report>;

/** A crash report with no bisection: a syzbot bug report, or a kernel oops pasted as is. */
export const CrashFinding = z.object({
  format: z.enum(["syzbot-report", "oops"]),
  title: z.string().nullable(),
  crash: CrashSummary,
  links: Links,
  reportedBy: z.string().nullable(),
  source: z.object({ startLine: z.number().int().positive(), endLine: z.number().int().positive() }),
});
export type CrashFinding = z.infer<typeof CrashFinding>;

export const ParseResult = z.object({
  reports: z.array(Report),
  /** Crash reports without a bisection; only looked for when the text holds no bisection report. */
  crashes: z.array(CrashFinding),
});
export type ParseResult = z.infer<typeof ParseResult>;
