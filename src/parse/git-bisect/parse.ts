import { isCommitLine, parseCommitDisplay } from "../fields/commit-display.js";
import { bareCommit, emptyReport, emptyStep } from "../report-builder.js";
import type { Report, Step } from "../schema.js";
import type { SourceLine } from "../text/source-lines.js";
import { classifyWrapped, WRAPPED } from "../text/wrapped-lines.js";
import type { ReaderOptions } from "../reader-options.js";

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
  | { kind: "candidates-end" }
  | { kind: "merge-base-bad"; sha: string }
  | { kind: "bare-sha"; sha: string };

/** A shell prompt before a command: `$ `, `user@host:~/linux$ `, `me ((15ff55e...) *|BISECTING) repo $ `. */
const PROMPT = "(?:[^$\\n]{0,200}?\\$ )?";
const START = new RegExp(`^${PROMPT}git bisect start((?: \\S+)*)$`);
const RUN = new RegExp(`^${PROMPT}git bisect run\\b`);
const VERDICT = new RegExp(`^${PROMPT}git bisect (good|bad|skip|old|new) ((?:[0-9a-f]{7,40} ?)+)$`);
const COMMENT = /^# (good|bad|skip|old|new): \[([0-9a-f]{40})\] ?(.*)$/;
const FIRST = /^# first (\S+) commit: \[([0-9a-f]{40})\] ?(.*)$/;
/** `# first bad commit:` whose hash a mail client moved to the next line, or `<sha> is the first bad commit` cut by wrapping. */
const CUT = /^(?:# first \S+ commit:|[0-9a-f]{40} is(?: the(?: first(?: \S+)?)?)?)$/;
/**
 * git's failure when the good commit is not an ancestor of the bad one (bisect.c, handle_bad_merge_base);
 * a reflowed paste may carry git's next line ("This means the bug has been fixed between ...") on the same one.
 */
const MERGE_BASE_BAD = /^The merge base ([0-9a-f]{40}) is bad\.(?: This means the bug has been fixed between [0-9a-f]{40} and \[[0-9a-f ]{40,}\]\.)?$/;
/** git lists the candidates between these two lines (bisect.c, exit_if_skipped_commits); a paste may glue a `#` to the first. */
const ONLY_SKIPPED = /^#?There are only 'skip'ped commits left to test\.$/;
const POSSIBLE = /^# possible first (?:\S+) commit: \[([0-9a-f]{40})\] ?(.*)$/;
const CHECKOUT = /^\[([0-9a-f]{40})\] (.*)$/;
const FIRST_BAD = /^([0-9a-f]{40}) is the first (?:bad|new|\S+) commit$/;
const SHA = /^[0-9a-f]{40}$/;
const VERDICT_OF: Record<string, "good" | "bad" | "skip"> = { good: "good", old: "good", bad: "bad", new: "bad", skip: "skip" };

/** Every line git writes starts with a command, a `# ` comment, `[sha]`, a full hash, "The" or "We". */
const FIRST_CHARS = /^(?:[g$#[TW]|[0-9a-f]{40})/;

function classify(text: string): GitLine | null {
  const line = classifyOrCut(text);
  return line === WRAPPED ? null : line;
}

/** A git line, WRAPPED for one cut by wrapping, or null. */
function classifyOrCut(text: string): GitLine | typeof WRAPPED | null {
  const t = text.trim();
  if (t.length > 4096 || !(FIRST_CHARS.test(t) || t.includes("$ git bisect "))) return null;
  let m: RegExpExecArray | null;
  if ((m = START.exec(t))) return { kind: "start", args: (m[1] ?? "").trim().split(" ").filter(Boolean) };
  if (RUN.test(t)) return { kind: "run" };
  if ((m = VERDICT.exec(t))) return { kind: "verdict", verdict: VERDICT_OF[m[1] ?? ""] ?? "skip", shas: (m[2] ?? "").trim().split(" ") };
  if ((m = COMMENT.exec(t))) return { kind: "comment", verdict: m[1] ?? "", sha: m[2] ?? "", subject: m[3] ?? "" };
  if ((m = FIRST.exec(t))) return { kind: "first", term: m[1] ?? "", sha: m[2] ?? "", subject: m[3] ?? "" };
  if ((m = POSSIBLE.exec(t))) return { kind: "possible", sha: m[1] ?? "", subject: m[2] ?? "" };
  if ((m = CHECKOUT.exec(t))) return { kind: "checkout", sha: m[1] ?? "", subject: m[2] ?? "" };
  if ((m = FIRST_BAD.exec(t))) return { kind: "first-bad", sha: m[1] ?? "" };
  if ((m = MERGE_BASE_BAD.exec(t))) return { kind: "merge-base-bad", sha: m[1] ?? "" };
  if (ONLY_SKIPPED.test(t) || t === "The first bad commit could be any of:" || t.startsWith("# only skipped commits left to test")) {
    return { kind: "candidates-follow" };
  }
  if (t === "We cannot bisect more!") return { kind: "candidates-end" };
  if (SHA.test(t)) return { kind: "bare-sha", sha: t };
  return CUT.test(t) ? WRAPPED : null;
}

/** `git bisect start`, with or without arguments or a prompt: another bisection begins there. */
export function isBisectStartCommand(text: string): boolean {
  return classify(text)?.kind === "start";
}

/** The git line at lines[i], joining a `# first bad commit:` line cut before its hash. */
function gitLineAt(lines: SourceLine[], i: number): { line: GitLine | null; next: number } {
  const { value, next } = classifyWrapped(lines, i, classifyOrCut);
  return { line: value, next };
}

const ANCHORS = new Set<GitLine["kind"]>(["start", "run", "first", "first-bad", "comment", "merge-base-bad", "candidates-follow"]);

/** Whether a line can start a plain git bisect log, git bisect run output or one of git's results. */
export function isGitBisectAnchor(lines: SourceLine[], i: number): boolean {
  const kind = gitLineAt(lines, i).line?.kind;
  return kind !== undefined && ANCHORS.has(kind);
}

/** Terms that make a bisection look for the fix (`git bisect start --term-new=fixed`). */
function directionOf(args: readonly string[]): Report["direction"] {
  return args.some((a) => /^--term-(?:new|bad)=.*fix/i.test(a)) ? "fix" : "cause";
}

export function parseGitBisect(
  lines: SourceLine[],
  start: number,
  options: ReaderOptions,
): { report: Report | null; end: number } {
  const block = lines[start]?.block ?? 0;
  const report = emptyReport("git-bisect-log", lines[start]?.line ?? 1);
  const subjects = new Map<string, string>();
  const steps: Step[] = [];
  let culpritSha: string | null = null;
  let mergeBaseBad = false;
  let candidatesFollow = false;
  let sawStart = false;
  let sawRun = false;
  let lastLine = start;
  let i = start;
  while (i < lines.length && lines[i]?.block === block) {
    const { line, next } = gitLineAt(lines, i);
    if (!line) {
      if (options.startsOtherReport(lines, i)) break;
      i = next;
      continue;
    }
    // A new `start` (or a second `run`) begins another bisection; `run` after `start` continues this one.
    if (line.kind === "start" && (sawStart || steps.length > 0 || culpritSha !== null)) break;
    if (line.kind === "run" && (sawRun || culpritSha !== null)) break;
    lastLine = next - 1;
    switch (line.kind) {
      case "start": {
        sawStart = true;
        report.direction = directionOf(line.args);
        // Commits are hashes or refs (tags, branches); options start with `--`.
        const [bad, ...good] = line.args.filter((a) => !a.startsWith("-"));
        if (bad) report.range = { bad, good };
        break;
      }
      case "run":
        sawStart = true;
        sawRun = true;
        break;
      case "verdict":
        for (const sha of line.shas) steps.push({ ...emptyStep(sha, "bisect"), verdict: line.verdict });
        break;
      case "comment":
      case "checkout":
        subjects.set(line.sha, line.subject);
        break;
      case "first": {
        culpritSha = line.sha;
        // A subject cut off by a mail client continues on the next line.
        const continued = line.subject === "" ? lines[next] : undefined;
        const subject = continued && continued.block === block && !classify(continued.text) ? continued.text.trim() : line.subject;
        subjects.set(line.sha, subject);
        if (/fix/i.test(line.term)) report.direction = "fix";
        break;
      }
      case "possible":
        report.candidates.push({ sha: line.sha, subject: line.subject || null });
        break;
      case "candidates-follow":
        candidatesFollow = true;
        break;
      case "candidates-end":
        candidatesFollow = false;
        break;
      case "merge-base-bad":
        mergeBaseBad = true;
        break;
      case "bare-sha":
        if (candidatesFollow) report.candidates.push({ sha: line.sha, subject: null });
        break;
      case "first-bad": {
        culpritSha = line.sha;
        if (isCommitLine(lines[next]?.text ?? "")) {
          const display = parseCommitDisplay(lines, next, lines[i]?.blockEnd ?? next);
          if (display) {
            report.culprit = display.commit;
            lastLine = display.end - 1;
            i = display.end;
            continue;
          }
        }
        break;
      }
      default:
        line satisfies never;
    }
    i = next;
  }

  for (const step of steps) step.subject = subjects.get(step.sha) ?? null;
  for (const c of report.candidates) c.subject ??= subjects.get(c.sha) ?? null;
  report.steps = steps;
  // A log shows the bisection's commands or steps; git's result lines alone are its report.
  report.evidence = sawStart || steps.length > 0 ? "log" : "report";
  report.source.endLine = lines[lastLine]?.line ?? report.source.startLine;
  const end = Math.max(i, start + 1);
  if (culpritSha) {
    report.outcome = "culprit";
    if (report.culprit?.sha !== culpritSha) {
      report.culprit = bareCommit(culpritSha, subjects.get(culpritSha) ?? "");
    }
  } else if (report.candidates.length > 0) {
    report.outcome = "candidates";
  } else if (mergeBaseBad) {
    report.outcome = "merge-base-bad";
  } else {
    // `git bisect start` alone is an instruction, and steps without git's answer are no result.
    return { report: null, end };
  }
  return { report, end };
}
