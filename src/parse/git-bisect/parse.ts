import { isCommitLine, parseCommitDisplay } from "../fields/commit-display.js";
import { bareCommit, emptyReport, emptyStep } from "../report-builder.js";
import type { Report, Step } from "../schema.js";
import type { SourceLine } from "../text/source-lines.js";

/**
 * Plain git output: `git bisect log` (replayable commands with `# good: [sha]`
 * comments) and `git bisect run` (progress lines, then `<sha> is the first bad
 * commit` and the commit).
 */
type GitLine =
  | { kind: "start"; args: string[] }
  | { kind: "run" }
  | { kind: "verdict"; verdict: "good" | "bad" | "skip"; shas: string[] }
  | { kind: "comment"; verdict: string; sha: string; subject: string }
  | { kind: "first"; term: string; sha: string; subject: string }
  | { kind: "possible"; sha: string; subject: string }
  | { kind: "checkout"; sha: string; subject: string }
  | { kind: "first-bad"; sha: string }
  | { kind: "candidates-follow" }
  | { kind: "bare-sha"; sha: string };

const START = /^(?:\$ )?git bisect start((?: \S+)*)$/;
const RUN = /^(?:\$ )?git bisect run\b/;
const VERDICT = /^(?:\$ )?git bisect (good|bad|skip|old|new) ((?:[0-9a-f]{7,40} ?)+)$/;
const COMMENT = /^# (good|bad|skip|old|new): \[([0-9a-f]{40})\] ?(.*)$/;
const FIRST = /^# first (\S+) commit: \[([0-9a-f]{40})\] ?(.*)$/;
const POSSIBLE = /^# possible first (?:\S+) commit: \[([0-9a-f]{40})\] ?(.*)$/;
const CHECKOUT = /^\[([0-9a-f]{40})\] (.*)$/;
const FIRST_BAD = /^([0-9a-f]{40}) is the first (?:bad|new|\S+) commit$/;
const SHA = /^[0-9a-f]{40}$/;
const VERDICT_OF: Record<string, "good" | "bad" | "skip"> = { good: "good", old: "good", bad: "bad", new: "bad", skip: "skip" };

/** Every line git writes starts with a command, a `# ` comment, `[sha]`, a full hash or "The". */
const FIRST_CHARS = /^(?:[g$#[T]|[0-9a-f]{40})/;

function classify(text: string): GitLine | null {
  const t = text.trim();
  if (t.length > 4096 || !FIRST_CHARS.test(t)) return null;
  let m: RegExpExecArray | null;
  if ((m = START.exec(t))) return { kind: "start", args: (m[1] ?? "").trim().split(" ").filter(Boolean) };
  if (RUN.test(t)) return { kind: "run" };
  if ((m = VERDICT.exec(t))) return { kind: "verdict", verdict: VERDICT_OF[m[1] ?? ""] ?? "skip", shas: (m[2] ?? "").trim().split(" ") };
  if ((m = COMMENT.exec(t))) return { kind: "comment", verdict: m[1] ?? "", sha: m[2] ?? "", subject: m[3] ?? "" };
  if ((m = FIRST.exec(t))) return { kind: "first", term: m[1] ?? "", sha: m[2] ?? "", subject: m[3] ?? "" };
  if ((m = POSSIBLE.exec(t))) return { kind: "possible", sha: m[1] ?? "", subject: m[2] ?? "" };
  if ((m = CHECKOUT.exec(t))) return { kind: "checkout", sha: m[1] ?? "", subject: m[2] ?? "" };
  if ((m = FIRST_BAD.exec(t))) return { kind: "first-bad", sha: m[1] ?? "" };
  if (t === "The first bad commit could be any of:" || t.startsWith("# only skipped commits left to test")) return { kind: "candidates-follow" };
  if (SHA.test(t)) return { kind: "bare-sha", sha: t };
  return null;
}

/** Whether a line can start a plain git bisect log or git bisect run output. */
export function isGitBisectAnchor(text: string): boolean {
  const line = classify(text);
  return line?.kind === "start" || line?.kind === "run" || line?.kind === "first" || line?.kind === "first-bad" || line?.kind === "comment";
}

/** Terms that make a bisection look for the fix (`git bisect start --term-new=fixed`). */
function directionOf(args: string[]): Report["direction"] {
  return args.some((a) => /^--term-(?:new|bad)=.*fix/i.test(a)) ? "fix" : "cause";
}

export function parseGitBisect(
  lines: SourceLine[],
  start: number,
  options: { startsOtherReport: (lines: SourceLine[], i: number) => boolean },
): { report: Report | null; end: number } {
  const block = lines[start]?.block ?? 0;
  const report = emptyReport("git-bisect-log", lines[start]?.line ?? 1);
  const subjects = new Map<string, string>();
  const steps: Step[] = [];
  let culpritSha: string | null = null;
  let candidatesFollow = false;
  let sawStart = false;
  let lastLine = start;
  let i = start;
  for (; i < lines.length && lines[i]?.block === block; i++) {
    const text = lines[i]?.text ?? "";
    const line = classify(text);
    if (!line) {
      if (options.startsOtherReport(lines, i)) break;
      continue;
    }
    if ((line.kind === "start" || line.kind === "run") && (sawStart || steps.length > 0)) break;
    lastLine = i;
    switch (line.kind) {
      case "start": {
        sawStart = true;
        report.direction = directionOf(line.args);
        const shas = line.args.filter((a) => /^[0-9a-f]{7,40}$/.test(a));
        const [bad, ...good] = shas;
        if (bad) report.range = { bad, good };
        break;
      }
      case "run":
        sawStart = true;
        break;
      case "verdict":
        for (const sha of line.shas) steps.push({ ...emptyStep(sha, "bisect"), verdict: line.verdict });
        break;
      case "comment":
      case "checkout":
        subjects.set(line.sha, line.subject);
        break;
      case "first":
        culpritSha = line.sha;
        subjects.set(line.sha, line.subject);
        if (/fix/i.test(line.term)) report.direction = "fix";
        break;
      case "possible":
        report.candidates.push({ sha: line.sha, subject: line.subject || null });
        break;
      case "candidates-follow":
        candidatesFollow = true;
        break;
      case "bare-sha":
        if (candidatesFollow) report.candidates.push({ sha: line.sha, subject: null });
        break;
      case "first-bad": {
        culpritSha = line.sha;
        if (isCommitLine(lines[i + 1]?.text ?? "")) {
          const display = parseCommitDisplay(lines, i + 1, lines[i]?.blockEnd ?? i + 1);
          if (display) {
            report.culprit = display.commit;
            i = display.end - 1;
            lastLine = i;
          }
        }
        break;
      }
    }
  }

  for (const step of steps) step.subject = subjects.get(step.sha) ?? null;
  for (const c of report.candidates) c.subject ??= subjects.get(c.sha) ?? null;
  report.steps = steps;
  report.source.endLine = lines[lastLine]?.line ?? report.source.startLine;
  if (culpritSha) {
    report.outcome = "culprit";
    if (report.culprit?.sha !== culpritSha) {
      report.culprit = bareCommit(culpritSha, subjects.get(culpritSha) ?? "");
    }
  } else if (report.candidates.length > 0) {
    report.outcome = "candidates";
  } else if (steps.length === 0) {
    // `git bisect start` alone is an instruction, not a bisection.
    return { report: null, end: Math.max(i, start + 1) };
  }
  return { report, end: Math.max(i, start + 1) };
}
