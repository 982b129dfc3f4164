import { type AnalysedCrash, type AnalysedReport, type CommitFacts, isBugsCrash } from "../analyse/reports.js";
import { culpritDoubt } from "../analyse/doubt.js";
import type { Override } from "../decide/override.js";
import type { Outcome, Report, Step } from "../parse/schema.js";
import { code, inline } from "./escape.js";
import type { TriageView } from "./view.js";

/**
 * The first line a maintainer reads about each result: the verdict and the
 * result in words to act on, for every outcome.
 */

/** `abc123def456` linked to the kernel tree when it has the commit, with the subject as code (copyable, never a link or a reference). */
export function commitText(sha: string, subject: string | null, commits: ReadonlyMap<string, CommitFacts>): string {
  const short = code(sha.slice(0, 12));
  const url = commits.get(sha)?.url;
  const ref = url ? `[${short}](${url})` : short;
  return subject ? `${ref} ${code(subject, 200)}` : ref;
}

function byAuthor(name: string | null | undefined): string {
  return name ? ` by ${inline(name, 80)}` : "";
}

function culpritText(r: AnalysedReport, view: TriageView): string {
  const c = r.report.culprit;
  if (!c) return "";
  const facts = view.commits.get(c.sha);
  return `${commitText(c.sha, c.subject || facts?.subject || null, view.commits)}${byAuthor(c.author?.name || facts?.author?.name)}`;
}

/** Whether the step crashed with the bug itself: a crash of another title (another bug, the test machine failing) says nothing of its age. */
function crashedWithBug(step: Step, original: string | null): boolean {
  if (step.crashed !== true) return false;
  const titles = step.runs.flatMap((r) => (r.result === "crashed" && r.title ? [r.title] : []));
  return titles.length === 0 || titles.some((t) => isBugsCrash(t, original));
}

/** The oldest release the walk found crashing with the bug (null: none did), the older ones it could not test, and what crashed instead. */
function releaseWalk(report: Report): { tested: boolean; crashed: string | null; untested: string[]; instead: string | null } {
  const releases = report.steps.filter((s) => s.kind === "release");
  if (releases.length === 0) return { tested: false, crashed: report.boundaryCommitTitle, untested: [], instead: null };
  const original = report.originalCrashTitle ?? report.crashTitle;
  const lastCrashed = releases.findLastIndex((s) => crashedWithBug(s, original));
  const crashed = lastCrashed >= 0 ? (releases[lastCrashed]?.release ?? report.boundaryCommitTitle) : null;
  // Older releases that failed to build or boot, or crashed with something else: untested for this bug.
  const untested = releases.slice(lastCrashed + 1).flatMap((s) => (s.crashed === false ? [] : [s.release ?? s.sha.slice(0, 12)]));
  const instead = releases.flatMap((s) => s.runs).find((r) => r.result === "crashed" && r.title && !isBugsCrash(r.title, original))?.title ?? null;
  return { tested: true, crashed, untested, instead };
}

function range(items: string[]): string {
  return items.length === 1 ? (items[0] as string) : `${items[0]} … ${items.at(-1)}`;
}

const NO_RESULT: Record<Exclude<Outcome, "culprit">, (r: Report) => string> = {
  candidates: (r) =>
    `**Inconclusive bisection:** the ${r.direction === "fix" ? "fix is" : "bug came in with"} one of ${r.candidates.length} commits (listed below); git could not tell which.`,
  "oldest-release": (r) => {
    const walk = releaseWalk(r);
    if (walk.tested && walk.crashed === null) {
      const instead = walk.instead ? ` (they crashed with ${code(walk.instead, 120)} instead, or failed to build or run)` : "";
      return `**No culprit:** no release tested showed the bug itself${instead}, so the bisection says nothing about how old it is.`;
    }
    const where = walk.crashed ? inline(walk.crashed, 40) : "the oldest release tested";
    if (walk.untested.length > 0) {
      return `**No culprit:** the crash already happens on ${where}, the oldest release that could be tested; older ones (${inline(range(walk.untested), 40)}) failed to build or run${walk.instead ? " or crashed with another bug" : ""}, so the bug may be older still.`;
    }
    return `**No culprit:** the crash already happens on ${where}, the oldest release tested, so the bug is older than the releases syzbot bisects.`;
  },
  "still-crashes": (r) => `**Not fixed yet:** the crash still happens on the newest commit tested${r.boundaryCommitTitle ? ` (${inline(r.boundaryCommitTitle, 80)})` : ""}.`,
  error: (r) => `**Bisection failed:** ${inline(r.error ?? "unknown error", 200)}. There is no result to act on.`,
  incomplete: () => "**Incomplete log:** it ends before the bisection's result; it may have been cut off when pasted.",
  "merge-base-bad": () =>
    "**No culprit:** git found the merge base of the good and bad commits bad, so the good commit was not an ancestor of the bad one (the bug may have been fixed in between); bisect again from a good ancestor.",
};

/** The headline of one report. */
export function reportHeadline(r: AnalysedReport, view: TriageView): string {
  const report = r.report;
  if (report.outcome !== "culprit" || !report.culprit) return NO_RESULT[report.outcome as Exclude<Outcome, "culprit">](report);
  const fix = report.direction === "fix";
  const what = culpritText(r, view);
  const j = r.judgement;
  switch (j.kind) {
    case "verdict": {
      if (!j.verdict.reliable) return `**Doubtful ${fix ? "fix" : "culprit"}:** ${what}: ${inline(culpritDoubt(r) ?? "the bisection looks unreliable", 200)}; check it before acting on it.`;
      const n = j.verdict.reasons.length;
      const doubts = n > 0 ? `, though ${n === 1 ? "one thing weighs" : `${n} things weigh`} against it (below)` : "";
      // A fix found is a fact to record: syzbot's own command does it.
      const next = fix ? " Record it with `#syz fix:` and the fix's title." : "";
      return `**Likely ${fix ? "fix" : "culprit"}:** ${what}. The bisection looks reliable${doubts}.${next}`;
    }
    case "unjudged":
      // A merge or release commit is doubtful whoever names it; a person's word or a link is only unchecked.
      if (j.against === "merge" || j.against === "release") {
        return `**Doubtful ${fix ? "fix" : "culprit"}:** ${what}: ${inline(culpritDoubt(r) ?? "", 200)}, and ${inline(j.why, 300)}.`;
      }
      return `**${fix ? "Fix" : "Culprit"}, not checked:** ${what}: ${inline(j.why, 300)}.`;
    case "no-culprit":
      return `**${fix ? "Fix" : "Culprit"}:** ${what}.`;
    default:
      return j satisfies never;
  }
}

/** The headline of a maintainer's culprit. */
export function overrideHeadline(o: Override, view: TriageView): string {
  const by = inline(o.by, 40);
  if (o.sha === null) return `**No culprit (set by ${by}):** the bisection's result is not the cause.`;
  const author = o.commit?.author?.name;
  const tree = o.commit ? "" : " (the kernel tree does not have it, so its files are unknown)";
  return `**Culprit (set by ${by}):** ${commitText(o.sha, o.commit?.subject ?? null, view.commits)}${byAuthor(author)}${tree}.`;
}

/** The headline of a crash report without a bisection. */
export function crashHeadline(c: AnalysedCrash): string {
  const f = c.finding;
  const where = f.crash.guiltyFile ? ` in ${code(f.crash.guiltyFile, 120)}` : "";
  const what = f.format === "oops" ? "Kernel crash, not bisected" : "syzbot report, not bisected";
  return `**${what}:** ${f.title ? code(f.title, 200) : "(no title)"}${where}.`;
}
