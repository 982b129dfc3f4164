import { z } from "zod";
import { normalizeTitle } from "../crash/index.js";
import { isInfraTitle } from "./verdict/signals.js";
import { isReleaseSubject } from "../parse/index.js";
import type { CrashFinding, Report, Verdict } from "../parse/schema.js";
import type { ReadText, TextOrigin } from "./origin.js";
import { type RankedSubsystem, rankSubsystems, significantSubsystems } from "./subsystems/rank.js";
import type { SubsystemSource } from "./subsystems/source.js";

/** What the kernel tree the project follows says about a commit (GET commit); the dry run knows none. */
export const CommitFacts = z.object({
  /** Whether the kernel tree has it; only then is it linked. */
  exists: z.boolean(),
  /** The commit's page in the kernel tree. */
  url: z.string().nullable(),
  /** The GitHub user its author email belongs to. */
  login: z.string().nullable(),
  subject: z.string().nullable(),
  author: z.object({ name: z.string(), email: z.string() }).nullable(),
  /** Changed files with their changed lines, as the tree has them (its first page). */
  files: z.array(z.object({ path: z.string(), lines: z.number().nullable() })),
  /** Whether it has more than one parent. */
  merge: z.boolean().default(false),
});
export type CommitFacts = z.infer<typeof CommitFacts>;

/** A commit the kernel tree does not have. */
export const UNKNOWN_COMMIT: CommitFacts = { exists: false, url: null, login: null, subject: null, author: null, files: [], merge: false };

/** How far a report's result can be trusted, and on what grounds. */
export type Judgement =
  /** The verdict from the bisection log itself (pasted, attached, or the report's linked log). */
  | { kind: "verdict"; verdict: Verdict; log: string | null }
  /**
   * A result stated without the log it came from; `against`, what is known
   * against its culprit anyway (a merge or release commit, or only a person's
   * word or a link).
   */
  | { kind: "unjudged"; why: string; against: UnjudgedDoubt | null }
  /** No single commit to trust (inconclusive, failed, older than the oldest release...). */
  | { kind: "no-culprit" };

/** The crash of the bug itself: the one the bisection started from, with the file syzbot would blame. */
export interface OwnCrash {
  title: string | null;
  guiltyFile: string | null;
  guiltyFrame: string | null;
  subsystems: RankedSubsystem[];
}

export interface AnalysedReport {
  report: Report;
  origin: TextOrigin;
  /** The culprit's changed files: the report's own, else the kernel tree's commit's. */
  files: { path: string; lines: number | null }[];
  filesFrom: "report" | "kernel tree" | null;
  culpritSubsystems: RankedSubsystem[];
  /** The bug's own crash, when the text holds its report. */
  ownCrash: OwnCrash | null;
  /** The crash the result shows when it is not the bug's (another bug the bisection wandered into, or the test machine failing). */
  strayCrash: string | null;
  judgement: Judgement;
}

/** A crash report with no bisection (a syzbot bug report, a pasted oops) in the issue body. */
export interface AnalysedCrash {
  finding: CrashFinding;
  origin: TextOrigin;
  subsystems: RankedSubsystem[];
}

/** A log the app fetched from a link in a text. */
export interface FetchedLog {
  url: string;
  /** The text the link was in. */
  origin: TextOrigin;
  read: ReadText["read"];
}

export interface AnalysisInput {
  texts: readonly ReadText[];
  fetched: readonly FetchedLog[];
  /** Links that could not be read, and why. */
  unread: ReadonlyMap<string, string>;
  commits: ReadonlyMap<string, CommitFacts>;
  sources: readonly SubsystemSource[];
  /** The bug's title from the issue's own title (`[syzkaller] WARNING in foo`), for a report in its body that names no crash. */
  issueTitle: string | null;
}

export interface Analysis {
  /** In the order the issue holds them: the body first, then comments, each text's reports in order. */
  reports: AnalysedReport[];
  crashes: AnalysedCrash[];
}

/** The subsystems of a crash's guilty file: syzbot's set for it (drivers/vhost/net.c is kvm, net and virt). */
function fileSubsystems(path: string | null, sources: readonly SubsystemSource[]): RankedSubsystem[] {
  return path ? significantSubsystems(rankSubsystems([{ path, lines: 1 }], [...sources])) : [];
}

/** A title's class (`KASAN`, `WARNING`) and the function it names, after syzbot's normalization. */
function bugKey(title: string): { title: string; kind: string | null; frame: string | null } {
  const normalized = normalizeTitle(title);
  return { title: normalized, kind: /^([A-Z][A-Za-z]*)\b/.exec(normalized)?.[1] ?? null, frame: / in (\S+)$/.exec(normalized)?.[1] ?? null };
}

/** Whether two titles name one bug: equal, or of one class in one function (syzkaller renamed `undefined-behaviour` to `shift-out-of-bounds`). */
function sameBug(a: string, b: string): boolean {
  const x = bugKey(a);
  const y = bugKey(b);
  return x.title === y.title || (x.kind !== null && x.kind === y.kind && x.frame !== null && x.frame === y.frame);
}

/** Whether a crash is the bug's own: the same bug as the one the bisection started from (when known), and not the test machinery failing. */
export function isBugsCrash(title: string, original: string | null): boolean {
  return (original === null || sameBug(title, original)) && !isInfraTitle(title);
}

/**
 * The report's crash when it is the bug's own: the same bug as the crash the
 * bisection started from (or with no other title to compare), and not the test
 * machinery failing. A bisection that ends on another bug's crash shows that
 * crash's report, which says nothing about where this bug is.
 */
function ownCrash(report: Report, sources: readonly SubsystemSource[]): { own: OwnCrash | null; stray: string | null } {
  const crash = report.crash;
  const title = crash?.title ?? report.crashTitle;
  const original = report.originalCrashTitle;
  const stray = title !== null && !isBugsCrash(title, original);
  if (stray) return { own: null, stray: title };
  if (!crash) return { own: null, stray: null };
  return {
    own: { title: crash.title, guiltyFile: crash.guiltyFile, guiltyFrame: crash.guiltyFrame, subsystems: fileSubsystems(crash.guiltyFile, sources) },
    stray: null,
  };
}

const UNTESTED_STEPS = "git's output shows which commits were marked good or bad, not how each was tested";
const ONLY_GITS_RESULT = "only git's result was given, without the steps that led to it";

/** Words for a result that was not judged from a log. */
const UNJUDGED: Record<Exclude<Report["evidence"], "log">, string> = {
  report: "the report states the result without its bisection log",
  prose: "a person stated the result; there is no log to check it against",
  link: "only a link to the commit was given; there is no log to check it against",
};

/** Known against a culprit no log judges: a merge or release commit, only a person's word or a link, or git's output without the tests behind it. */
export type UnjudgedDoubt = "merge" | "release" | "stated" | "untested";

/** What speaks against a culprit no log judges: the commit itself, from the report or the kernel tree, then how it was given. */
function unjudgedDoubt(report: Report, commit: CommitFacts | undefined): UnjudgedDoubt | null {
  const culprit = report.culprit;
  if (culprit?.merge || commit?.merge) return "merge";
  if (isReleaseSubject(culprit?.subject || commit?.subject || "")) return "release";
  return report.evidence === "prose" || report.evidence === "link" ? "stated" : null;
}

function judgementOf(report: Report, commits: ReadonlyMap<string, CommitFacts>, linkedLog: string | null, unread: string | null): Judgement {
  if (report.outcome !== "culprit" || !report.culprit) return { kind: "no-culprit" };
  const against = unjudgedDoubt(report, commits.get(report.culprit.sha));
  // git's own output records each step's good or bad, not the test behind it: nothing to judge it by.
  if (report.format === "git-bisect-log" && report.steps.every((s) => s.runs.length === 0)) {
    return { kind: "unjudged", why: report.steps.length === 0 ? ONLY_GITS_RESULT : UNTESTED_STEPS, against: against ?? "untested" };
  }
  if (report.verdict && (report.evidence === "log" || report.checks !== null)) return { kind: "verdict", verdict: report.verdict, log: linkedLog };
  const why = report.evidence === "log" ? UNJUDGED.report : UNJUDGED[report.evidence];
  return { kind: "unjudged", why: unread ? `${why} (it could not be read: ${unread})` : why, against };
}

/**
 * A report that states its result (a syzbot email) read together with the
 * bisection log it links: the log's steps, verdict and crash, the report's links
 * and trailers. Only when the log reaches the same result: a log of another
 * bisection says nothing about this one.
 */
function withLinkedLog(report: Report, log: Report): Report | null {
  const same = log.outcome === report.outcome && (report.culprit === null || log.culprit?.sha.startsWith(report.culprit.sha.slice(0, 12)) === true);
  if (!same) return null;
  return {
    ...log,
    links: { ...log.links, ...Object.fromEntries(Object.entries(report.links).filter(([, v]) => v !== null)) },
    reportedBy: report.reportedBy ?? log.reportedBy,
    fixesTag: report.fixesTag ?? log.fixesTag,
    parameters: { ...log.parameters, ...report.parameters },
    source: report.source,
  };
}

function culpritFiles(report: Report, commits: ReadonlyMap<string, CommitFacts>): Pick<AnalysedReport, "files" | "filesFrom"> {
  const culprit = report.culprit;
  if (!culprit) return { files: [], filesFrom: null };
  if (culprit.diffstat.length > 0) return { files: culprit.diffstat.map(({ path, lines }) => ({ path, lines })), filesFrom: "report" };
  const known = commits.get(culprit.sha);
  return known?.exists && known.files.length > 0 ? { files: known.files, filesFrom: "kernel tree" } : { files: [], filesFrom: null };
}

function analyseReport(report: Report, origin: TextOrigin, input: Omit<AnalysisInput, "texts">, linked: { url: string | null; unread: string | null }): AnalysedReport {
  const { files, filesFrom } = culpritFiles(report, input.commits);
  const { own, stray } = ownCrash(report, input.sources);
  return {
    report,
    origin,
    files,
    filesFrom,
    culpritSubsystems: rankSubsystems(files, [...input.sources]),
    ownCrash: own,
    strayCrash: stray,
    judgement: judgementOf(report, input.commits, linked.url, linked.unread),
  };
}

/**
 * Everything the texts of one issue say, before any policy: each report with its
 * culprit's files and subsystems, the bug's own crash, and how far its result
 * can be trusted; and the crash reports of the issue body when it holds no
 * bisection. Logs fetched from links count as texts of the one that linked them.
 */
export function analyse(input: AnalysisInput): Analysis {
  const fetched = new Map(input.fetched.map((log) => [log.url, log]));
  const merged = new Set<string>();
  const reports: AnalysedReport[] = [];
  const crashes: AnalysedCrash[] = [];
  const add = (found: Report, origin: TextOrigin) => {
    const titled = origin.kind === "issue" && input.issueTitle !== null && found.crashTitle === null && found.originalCrashTitle === null;
    const report = titled ? { ...found, crashTitle: input.issueTitle } : found;
    const url = report.evidence === "log" ? null : report.links.bisectionLog;
    const log = url ? fetched.get(url) : undefined;
    const joined = log ? log.read.reports.map((r) => withLinkedLog(report, r)).find((r) => r !== null) : undefined;
    if (url && joined) {
      merged.add(url);
      reports.push(analyseReport(joined, { ...origin, via: url }, input, { url, unread: null }));
    } else reports.push(analyseReport(report, origin, input, { url: null, unread: url ? (input.unread.get(url) ?? null) : null }));
  };
  const read = (origin: TextOrigin, result: ReadText["read"]) => {
    for (const report of result.reports) add(report, origin);
    // A crash without a bisection is triaged from the issue itself; comments quoting one are discussion.
    if (origin.kind === "issue") {
      for (const found of result.crashes) {
        // An oops pasted under a syzbot-style title (`[syzbot] KASAN: ...`) is named by it.
        const finding = found.title === null && input.issueTitle !== null ? { ...found, title: input.issueTitle } : found;
        crashes.push({ finding, origin, subsystems: fileSubsystems(finding.crash.guiltyFile, input.sources) });
      }
    }
  };
  // A log read from a link counts where the text that linked it stands, so "newest first" holds.
  const linkedFrom = (origin: TextOrigin) => input.fetched.filter((log) => log.origin.kind === origin.kind && log.origin.id === origin.id);
  for (const text of input.texts) {
    read(text.origin, text.read);
    for (const log of linkedFrom(text.origin)) if (!merged.has(log.url)) read({ ...log.origin, via: log.url }, log.read);
  }
  // With a bisection in the issue, a pasted oops adds nothing the bisection does not say.
  return { reports, crashes: reports.length > 0 ? [] : crashes };
}
