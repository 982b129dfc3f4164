import { isCommitLine, parseCommitDisplay } from "../fields/commit-display.js";
import { addressSet, bareCommit, emptyReport, emptyStep } from "../report-builder.js";
import type { Commit, Report, Step, StepKind } from "../schema.js";
import { isElision } from "../text/elision.js";
import type { SourceLine } from "../text/source-lines.js";
import { classifyWrapped, WRAPPED } from "../text/wrapped-lines.js";
import { type ClassifiedLine, classifyLogLine, durationOf } from "./line-kinds.js";
import type { ReaderOptions } from "../reader-options.js";

const MAX_BUILD_ERROR = 500;
/** Build output worth keeping as the reason a revision was skipped. */
const BUILD_ERROR = /error|fail|killed|denied|cannot|not found|no such file|no rule to make|undefined reference|multiple definition|^\S+:\d+(?::\d+)?: /i;

/** The log line at lines[i], joining hard-wrapped continuation lines. */
export function logLineAt(lines: SourceLine[], i: number): { line: ClassifiedLine["line"] | null; syzbotOnly: boolean; next: number } {
  const { value, next } = classifyWrapped(lines, i, (text) => {
    const found = classifyLogLine(text);
    return found?.line.kind === "wrapped" ? WRAPPED : found;
  });
  return { line: value?.line ?? null, syzbotOnly: value?.syzbotOnly ?? false, next };
}

/** Whether the reproducer crashed: any crashing run counts (syzbot's threshold is applied by git's verdict). */
function crashedFromRuns(step: Step): boolean | null {
  if (step.runs.some((r) => r.result === "crashed")) return true;
  if (step.runs.some((r) => r.result === "ok")) return false;
  return null;
}

function mostFrequentCrash(step: Step | undefined): string | null {
  if (!step) return null;
  if (step.representativeCrash) return step.representativeCrash;
  const counts = new Map<string, number>();
  for (const run of step.runs) {
    if (run.result === "crashed" && run.title) counts.set(run.title, (counts.get(run.title) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [title, count] of counts) {
    if (count > bestCount) [best, bestCount] = [title, count];
  }
  return best;
}

/**
 * Parses one syzbot bisection log starting at lines[start]. The log ends at
 * the end of its block (fence, quote) or where another report starts.
 */
export function parseBisectionLog(
  lines: SourceLine[],
  start: number,
  options: ReaderOptions,
): { report: Report | null; end: number } {
  const first = lines[start];
  const report = emptyReport("bisection-log", first?.line ?? 1);
  let end = first?.blockEnd ?? start;

  const subjects = new Map<string, string>();
  const steps: Step[] = [];
  /** The newest step of each commit: `# git bisect` lines name the commit just tested. */
  const stepBySha = new Map<string, Step>();
  let current: Step | null = null;
  let pending: { kind: StepKind; release: string | null } | null = null;
  let sawStart = false;
  let inBisect = false;
  let afterResult = false;
  let sawRevisions = false;
  let noRange: "oldest" | "head" | "head-errors" | "either" | "merge-base" | null = null;
  let inconclusive = false;
  let resultSha: string | null = null;
  let resultSubject: string | null = null;
  let culpritDisplay: Commit | null = null;
  let lastLine = start;
  const recipients = { to: [] as string[], cc: [] as string[] };

  let i = start;
  while (i < end) {
    const text = lines[i]?.text ?? "";
    const { line, next } = logLineAt(lines, i);
    if (line === null) {
      if (options.startsOtherReport(lines, i)) break;
      // Unrecognized text inside a step that has produced nothing yet is build output.
      if (current && current.runs.length === 0 && !current.kernelSignature && !current.buildError && BUILD_ERROR.test(text)) {
        current.buildError = text.trim().slice(0, MAX_BUILD_ERROR);
      }
      if (text.trim()) lastLine = i;
      i = next;
      continue;
    }
    if ((line.kind === "host" || line.kind === "start") && (sawStart || steps.length > 0)) break;
    lastLine = next - 1;
    switch (line.kind) {
      case "host":
        report.host = line.host;
        report.startedAt = line.time;
        break;
      case "start":
        sawStart = true;
        report.direction = line.direction;
        report.startCommit = line.sha;
        break;
      case "syzkaller":
        report.syzkallerCommit = line.sha;
        break;
      case "next-step":
        pending = { kind: line.step, release: line.release };
        break;
      case "testing": {
        const original = steps[0];
        const kind: StepKind =
          pending?.kind ??
          (inBisect ? (afterResult ? "parent" : "bisect") : !original ? "original" : original.sha === line.sha ? "config" : "bisect");
        current = { ...emptyStep(line.sha, kind), release: pending?.release ?? null, compiler: line.compiler };
        steps.push(current);
        stepBySha.set(line.sha, current);
        pending = null;
        break;
      }
      case "compiler":
        if (current) current.compiler = line.value;
        break;
      case "signature":
        if (current) current.kernelSignature = line.value;
        break;
      case "run":
        current?.runs.push({ index: line.index, result: line.result, title: line.title });
        break;
      case "representative":
        if (current) current.representativeCrash = line.title;
        break;
      case "false-negative":
        if (current) current.falseNegativeChance = line.value;
        break;
      case "flaky":
        // Old syzkaller flags each flaky revision; since 2023-07 one line states it for the whole log.
        if (current && line.chance === null && !sawRevisions) current.flaky = true;
        report.flaky.flagged = true;
        if (line.chance !== null) report.flaky.reproChance = line.chance;
        break;
      case "build-failed": {
        const step = current?.sha === line.sha ? current : null;
        if (step) step.buildError = (line.detail || (lines[next]?.text.trim() ?? "")).slice(0, MAX_BUILD_ERROR);
        break;
      }
      case "bisect-start":
        inBisect = true;
        report.range = { bad: line.bad, good: line.good };
        break;
      case "bisect-verdict": {
        const step = stepBySha.get(line.sha);
        if (step) step.verdict = line.verdict;
        break;
      }
      case "checkout":
        subjects.set(line.sha, line.subject);
        break;
      case "first-bad": {
        resultSha = line.sha;
        afterResult = true;
        if (next < end && isCommitLine(lines[next]?.text ?? "")) {
          const display = parseCommitDisplay(lines, next, end);
          if (display) {
            culpritDisplay = display.commit;
            lastLine = display.end - 1;
            i = display.end;
            continue;
          }
        }
        break;
      }
      case "error-probability":
        report.accumulatedErrorProbability = line.value;
        break;
      case "culprit-signature":
        report.culpritSignature = line.value;
        break;
      case "parent-signature":
        report.parentSignature = line.value;
        break;
      case "revisions": {
        sawRevisions = true;
        report.revisionsTested = line.count;
        const total = durationOf(line.total);
        const build = durationOf(line.build);
        const test = durationOf(line.test);
        report.totalTime = total && build && test ? { total, build, test } : null;
        break;
      }
      case "result-commit":
        afterResult = true;
        report.direction = line.direction;
        resultSha = line.sha;
        resultSubject = line.subject || null;
        break;
      case "recipients":
        if (line.which === "cc") recipients.cc.push(...line.list);
        else recipients.to.push(...line.list);
        break;
      case "crash": {
        report.crashTitle = line.title;
        let j = next;
        while (j < end && !options.startsOtherReport(lines, j)) j++;
        const text = lines
          .slice(next, j)
          .map((l) => l.text)
          .join("\n")
          .trimEnd();
        report.crashReport = text || null;
        lastLine = j - 1;
        i = j;
        end = j;
        continue;
      }
      case "inconclusive": {
        inconclusive = true;
        report.direction = line.direction;
        let j = next;
        for (; j < end; j++) {
          const sha = (lines[j]?.text ?? "").trim();
          if (isElision(sha)) continue;
          if (!/^[0-9a-f]{40}$/.test(sha)) break;
          report.candidates.push({ sha, subject: null });
        }
        lastLine = j - 1;
        i = j;
        continue;
      }
      case "no-range":
        noRange = line.which;
        break;
      case "commit-msg":
        report.boundaryCommitTitle = line.title;
        break;
      case "error":
        // Only the job's final error ends the log with `error:`; build output can contain such lines too.
        if (sawRevisions) report.error = line.message;
        // A build error ends the job when the revision it stops at is one syzbot had to build.
        if (current && current.runs.length === 0 && !current.kernelSignature && !current.buildError) {
          current.buildError = line.message.slice(0, MAX_BUILD_ERROR);
        }
        break;
      case "bisecting":
      case "undetermined":
      case "only-skipped":
      case "bare-sha":
      case "wrapped":
        break;
      default:
        // A new line kind must be read here or listed above as carrying nothing.
        line satisfies never;
    }
    i = next;
  }

  finishSteps(steps, subjects, report.direction);
  report.steps = steps;
  report.source.endLine = lines[Math.max(start, lastLine)]?.line ?? report.source.startLine;
  report.compilers = [...new Set(steps.map((s) => s.compiler).filter((c): c is string => !!c))];
  report.originalCrashTitle = mostFrequentCrash(steps.find((s) => s.kind === "original") ?? steps[0]);
  report.crashTitle ??= report.originalCrashTitle;
  report.recipients = { to: addressSet(recipients.to), cc: addressSet(recipients.cc) };
  for (const candidate of report.candidates) candidate.subject = subjects.get(candidate.sha) ?? null;

  if (report.error !== null) report.outcome = "error";
  else if (noRange === "merge-base") {
    report.outcome = "error";
    report.error = "reproducer does not crash the merge base, so there's no known bad commit";
  } else if (noRange === "head" || noRange === "head-errors" || (noRange === "either" && report.direction === "fix")) {
    report.outcome = "still-crashes";
  } else if (noRange) report.outcome = "oldest-release";
  else if (inconclusive) report.outcome = "candidates";
  else if (resultSha) {
    report.outcome = "culprit";
    report.culprit = culpritOf(resultSha, resultSubject, culpritDisplay, subjects);
  }
  // Lines from the middle of a log, without its first line or its result, are an excerpt quoted in a discussion.
  const opened = isLogStart(lines, start);
  return { report: report.outcome === "incomplete" && !opened ? null : report, end: lastLine + 1 };
}

function culpritOf(sha: string, subject: string | null, display: Commit | null, subjects: Map<string, string>): Commit {
  if (display && display.sha === sha) return { ...display, subject: display.subject || subject || "" };
  return bareCommit(sha, subject ?? subjects.get(sha) ?? "");
}

/** Fills subjects and verdicts that git did not log (steps outside `git bisect`). */
function finishSteps(steps: Step[], subjects: Map<string, string>, direction: Report["direction"]): void {
  for (const step of steps) {
    step.subject = subjects.get(step.sha) ?? null;
    step.crashed = crashedFromRuns(step);
    if (step.verdict !== null || step.kind === "bisect") continue;
    if (step.crashed === null) {
      step.verdict = step.buildError !== null || step.runs.length > 0 ? "skip" : null;
    } else {
      // syzbot's fix bisection marks crashing revisions good: the predicate is inverted.
      step.verdict = step.crashed === (direction === "cause") ? "bad" : "good";
    }
  }
}

/** Whether lines[i] is the first line of a bisection log (either generation). */
export function isLogStart(lines: SourceLine[], i: number): boolean {
  const kind = logLineAt(lines, i).line?.kind;
  return kind === "host" || kind === "start";
}
