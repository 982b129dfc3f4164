import type { Mention } from "../analyse/mentions.js";
import type { RankedSubsystem } from "../analyse/subsystems/rank.js";
import type { Triage, TriagedCrash, TriagedReport } from "../analyse/triage.js";
import type { Report } from "../parse/schema.js";
import type { CommandState, HistoryEntry } from "../commands/index.js";
import { commentHeader } from "./comment-header.js";
import { code, codeBlock, inline } from "./escape.js";

/** GitHub rejects longer comment bodies. */
export const MAX_COMMENT_LENGTH = 65_536;
const MAX_FILES_SHOWN = 15;
const MAX_CANDIDATES_SHOWN = 20;

export interface CommentView {
  triage: Triage;
  /** The mentionable recipients, resolved to logins where possible. */
  mentions: Mention[];
  maxMentions: number;
  /** `https://github.com/owner/repo`, to link commits that exist there. */
  repoUrl: string | null;
  existingCommits: ReadonlySet<string>;
  /** Open issues about the same crash. */
  duplicates: { number: number; title: string }[];
  /** Things the app could not do, said plainly (a failed fetch, a failed lookup). */
  problems: string[];
  /** What maintainers decided with `#syz` commands. */
  commands: CommandState;
  /** The open issue a `#syz dup: <title>` names, when the search found it. */
  duplicateOfIssue?: number | null;
  /** The newest comment whose commands were handled. */
  through: number;
}

const OUTCOME_WORDS: Record<Report["outcome"], string> = {
  culprit: "culprit found",
  candidates: "inconclusive, several candidate commits",
  "oldest-release": "the crash already happens on the oldest tested release",
  "still-crashes": "the crash still happens on the newest tested commit",
  error: "the bisection failed",
  incomplete: "the log ends before the result",
  "merge-base-bad": "the merge base already has the bug (fixed between it and the good commit)",
};

const FORMAT_WORDS: Record<Report["format"], string> = {
  "bisection-log": "syzbot bisection log",
  "syzbot-email": "syzbot report",
  "git-bisect-log": "git bisect log",
  kernelci: "KernelCI report",
  "markdown-report": "syzbot report as a Markdown list",
  statement: "a sentence naming the culprit",
};

function commitRef(sha: string, view: CommentView): string {
  const short = code(sha.slice(0, 12));
  return view.repoUrl && view.existingCommits.has(sha) ? `[${short}](${view.repoUrl}/commit/${sha})` : short;
}

function headline(t: TriagedReport, view: CommentView): string {
  const r = t.report;
  const kind = r.direction === "fix" ? "fix bisection" : "cause bisection";
  if (r.outcome === "culprit" && r.culprit) {
    const what = r.direction === "fix" ? "fixed by" : "bisected to";
    const author = r.culprit.author?.name ? ` by ${inline(r.culprit.author.name, 80)}` : "";
    return `${what} ${commitRef(r.culprit.sha, view)} ${inline(r.culprit.subject)}${author}`;
  }
  if (r.outcome === "candidates") return `${kind} is inconclusive: ${r.candidates.length} candidate commits`;
  if (r.outcome === "error") return `the ${kind} failed: ${inline(r.error ?? "unknown error", 200)}`;
  return `${kind}: ${OUTCOME_WORDS[r.outcome]}`;
}

function originLink(t: { origin: TriagedReport["origin"] }): string {
  const { origin } = t;
  // The dry run reads a file, not an issue.
  const where = origin.url ? `[${origin.kind === "issue" ? "the issue" : "a comment"} by ${inline(origin.author, 40)}](${origin.url})` : "the input";
  // A linked log's address came from the issue text: shown, never linked.
  return origin.via ? `the log ${code(origin.via, 200)} linked from ${where}` : where;
}

function detailRows(t: TriagedReport, view: CommentView): string[][] {
  const r = t.report;
  const rows: string[][] = [["Result", `${OUTCOME_WORDS[r.outcome]} (${r.direction} bisection, ${FORMAT_WORDS[r.format]})`]];
  const c = r.culprit;
  if (c) {
    rows.push([r.direction === "fix" ? "Fix" : "Culprit", `${commitRef(c.sha, view)} ${inline(c.subject)}${c.merge ? " (merge commit)" : ""}`]);
    if (c.author) rows.push(["Author", `${inline(c.author.name || c.author.email, 80)}${c.date ? `, ${c.date.slice(0, 10)}` : ""}`]);
    if (c.diffstat.length > 0) {
      const shown = c.diffstat.slice(0, MAX_FILES_SHOWN).map((f) => `${code(f.path, 120)}${f.lines === null ? "" : ` (${f.lines})`}`);
      const more = c.diffstat.length > MAX_FILES_SHOWN ? `, and ${c.diffstat.length - MAX_FILES_SHOWN} more` : "";
      rows.push(["Files", shown.join(", ") + more]);
    }
  }
  if (r.candidates.length > 0) {
    const shown = r.candidates.slice(0, MAX_CANDIDATES_SHOWN).map((x) => `${commitRef(x.sha, view)} ${x.subject ? inline(x.subject, 120) : ""}`.trim());
    const more = r.candidates.length > MAX_CANDIDATES_SHOWN ? `<br>and ${r.candidates.length - MAX_CANDIDATES_SHOWN} more` : "";
    rows.push(["Candidates", shown.join("<br>") + more]);
  }
  if (r.crashTitle) rows.push(["Crash", code(r.crashTitle, 200)]);
  if (r.originalCrashTitle && r.originalCrashTitle !== r.crashTitle) rows.push(["Original crash", code(r.originalCrashTitle, 200)]);
  if (t.subsystems.length > 0) {
    rows.push(["Culprit subsystems", t.subsystems.map((s) => `${inline(s.name, 50)} (${s.lines} lines, ${s.source})`).join(", ")]);
  }
  if (r.revisionsTested !== null || r.steps.length > 0) {
    const count = (v: string) => r.steps.filter((s) => s.verdict === v).length;
    const time = r.totalTime ? ` in ${r.totalTime.total.text.replace(/\.\d+s$/, "s")}` : "";
    rows.push(["Tested", `${r.revisionsTested ?? r.steps.length} revisions${time} (${count("good")} good, ${count("bad")} bad, ${count("skip")} skipped)`]);
  }
  if (r.startCommit) rows.push(["Started from", code(r.startCommit.slice(0, 12))]);
  if (r.boundaryCommitTitle) rows.push([r.direction === "fix" ? "Newest tested" : "Oldest tested", inline(r.boundaryCommitTitle, 120)]);
  if (r.compilers.length > 0) rows.push(["Compiler", r.compilers.map((x) => code(x, 120)).join("<br>")]);
  if (r.links.dashboard) rows.push(["Dashboard", code(r.links.dashboard, 200)]);
  // No line numbers: an edit above the log would change the comment without changing the result.
  rows.push(["Source", originLink(t)]);
  return rows;
}

/** ` in `fs/aio.c` (subsystem **fs**)`: where the crash points, for the reader to compare with the culprit. */
function guiltyText(file: string | null, subsystems: RankedSubsystem[]): string {
  if (!file) return "";
  const names = subsystems.map((s) => `**${inline(s.name, 50)}**`).join(", ");
  return ` in ${code(file, 120)}${names ? ` (subsystem ${names})` : ""}`;
}

/** Only syzbot's dashboard is linked; any other URL from a log stays inert text. */
function linkText(label: string, url: string): string {
  return /^https:\/\/syzkaller\.appspot\.com\/[\w./?=&%-]*$/.test(url) ? `[${label}](${url})` : `${label} ${code(url, 200)}`;
}

function crashSection(c: TriagedCrash, index: number, total: number): string {
  const f = c.finding;
  const prefix = total > 1 ? `**${index + 1}.** ` : "";
  const what = f.format === "oops" ? "a kernel crash report" : "a syzbot bug report";
  const out = [`${prefix}${what} without a bisection (from ${originLink(c)}).`, ""];
  out.push(`Crash: ${f.title ? code(f.title, 200) : "(no title)"}${guiltyText(f.crash.guiltyFile, c.subsystems)}`);
  const links = (
    [
      ["dashboard", f.links.dashboard],
      ["syz reproducer", f.links.syzRepro],
      ["C reproducer", f.links.cRepro],
      ["console log", f.links.consoleLog],
      ["kernel config", f.links.kernelConfig],
    ] as const
  ).flatMap(([label, url]) => (url ? [linkText(label, url)] : []));
  if (links.length > 0) out.push("", `Links: ${links.join(", ")}`);
  return out.join("\n");
}

function table(rows: string[][]): string {
  return ["| | |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
}

function reportSection(t: TriagedReport, view: CommentView, index: number, total: number, withDetails: boolean): string {
  const out: string[] = [];
  const prefix = total > 1 ? `**${index + 1}.** ` : "";
  out.push(`${prefix}${headline(t, view)} (from ${originLink(t)}).`);
  if (t.report.crashTitle) out.push("", `Crash: ${code(t.report.crashTitle, 200)}${guiltyText(t.report.crash?.guiltyFile ?? null, t.crashSubsystems)}`);
  const verdict = t.report.verdict;
  if (verdict) {
    const word = verdict.reliable ? "likely reliable" : "**unreliable**";
    out.push("", `Verdict: ${word} (score ${verdict.score.toFixed(2)}${verdict.reasons.length > 0 ? "):" : ")."}`);
    out.push(...verdict.reasons.map((r) => `- ${inline(r, 400)}`));
  }
  const warnings = t.report.warnings.map((w) => `- ${inline(w.message, 400)}`);
  if (warnings.length > 0) out.push("", "What the log says:", ...warnings);
  if (withDetails) {
    out.push("", `<details><summary>Details</summary>`, "", table(detailRows(t, view)), "", "</details>");
  }
  return out.join("\n");
}

function recipientsSection(view: CommentView): string[] {
  const { triage } = view;
  const out: string[] = [];
  const logins = [...new Set(view.mentions.filter((m) => m.login).map((m) => m.login as string))];
  const mentioned = logins.slice(0, view.maxMentions);
  const unresolved = view.mentions.filter((m) => !m.login);
  if (mentioned.length > 0) out.push(`cc ${mentioned.map((l) => `@${l}`).join(" ")}`);
  const plain = [
    ...unresolved.map((m) => m.email),
    ...view.mentions.filter((m) => m.login && !mentioned.includes(m.login)).map((m) => m.email),
    ...triage.unmentionable.map((r) => r.email),
  ];
  if (plain.length > 0) out.push(`Not mentioned: ${[...new Set(plain)].map((e) => code(e, 100)).join(", ")}`);
  const reasons = [...new Set(triage.reports.filter((r) => r.noMentionReason).map((r) => r.noMentionReason as string))];
  if (reasons.length > 0 && triage.unmentionable.length > 0) out.push(`No one was mentioned for some reports: ${reasons.join("; ")}.`);
  return out;
}

const HISTORY_SHOWN = 5;

const HISTORY_WORDS: Record<HistoryEntry["kind"], string> = {
  "set-subsystems": "set the subsystems to",
  dup: "marked it a duplicate of",
  undup: "undid the duplicate mark",
  invalid: "marked it invalid",
  fix: "named the fixing commit",
};

function historyLine(h: HistoryEntry): string {
  const value = h.value === null ? "" : h.kind === "dup" && /^#\d+$/.test(h.value) ? ` ${h.value}` : ` ${code(h.value, 200)}`;
  return `- ${inline(h.by, 40)} ${HISTORY_WORDS[h.kind]}${value} (${inline(h.at.slice(0, 10), 10)})`;
}

/** What maintainers decided with commands. */
function commandsSection(state: CommandState, duplicateOfIssue: number | null = null): string[] {
  const out: string[] = [];
  if (state.duplicateOf) {
    // `#N` is meant here: the cross-reference tells the other issue about this one.
    const title = /^#\d+$/.test(state.duplicateOf) ? null : code(state.duplicateOf, 200);
    const target = title === null ? state.duplicateOf : duplicateOfIssue ? `#${duplicateOfIssue} (${title})` : title;
    out.push(`Duplicate of ${target}.`);
  }
  if (state.fixCommit) out.push(`Fixed by ${code(state.fixCommit, 200)}.`);
  if (state.history.length > 0) out.push("", "Maintainers' commands:", ...state.history.slice(-HISTORY_SHOWN).map(historyLine));
  return out;
}

function render(view: CommentView, withDetails: boolean): string {
  const { triage } = view;
  const out: string[] = [commentHeader(view.commands, view.through)];
  const n = triage.reports.length;
  const crashes = triage.crashes.length;
  const heading = n > 0 ? (n === 1 ? "1 bisection report" : `${n} bisection reports`) : crashes === 1 ? "1 crash report" : `${crashes} crash reports`;
  out.push(`### syztriage: ${heading}`);
  if (triage.subsystems.length > 0) out.push("", `Subsystems: ${triage.subsystems.map((s) => `**${inline(s, 50)}**`).join(", ")}`);
  if (view.duplicates.length > 0) {
    // `#N` is meant here: the cross-reference tells the other issue about this one.
    const refs = view.duplicates.map((d) => `#${d.number} (${inline(d.title, 120)})`);
    out.push("", `Possible duplicate of ${refs.join(", ")}: same crash title.`);
  }
  for (const [i, t] of triage.reports.entries()) out.push("", reportSection(t, view, i, n, withDetails));
  for (const [i, c] of triage.crashes.entries()) out.push("", crashSection(c, i, crashes));
  const recipients = recipientsSection(view);
  if (recipients.length > 0) out.push("", ...recipients);
  const decisions = commandsSection(view.commands, view.duplicateOfIssue ?? null);
  if (decisions.length > 0) out.push("", ...decisions);
  if (view.problems.length > 0) out.push("", ...problemNotes(view.problems));
  return out.join("\n") + "\n";
}

/** The app's one comment on an issue: a short summary first, details folded. */
export function renderComment(view: CommentView): string {
  const full = render(view, true);
  if (full.length <= MAX_COMMENT_LENGTH) return full;
  const compact = render(view, false);
  if (compact.length <= MAX_COMMENT_LENGTH) return compact;
  const note = "\n\n(truncated: the issue holds more reports than one comment can show)\n";
  return compact.slice(0, MAX_COMMENT_LENGTH - note.length) + note;
}

/** The app's reply to a command from someone who may not run it. */
export function renderRefusal(login: string): string {
  return `@${login}: only people with write access to this repository can run syztriage commands, so yours was not run.\n`;
}

function problemNotes(problems: string[]): string[] {
  return problems.map((p) => `> [!NOTE]\n> ${inline(p, 300)}`);
}

/** The comment of an issue whose only log could not be read. */
export function renderProblems(problems: string[], state: CommandState, through: number): string {
  return [commentHeader(state, through), "### syztriage: no report read", "", ...problemNotes(problems), ""].join("\n");
}

/** The summary of an issue whose reports were edited or deleted away: the labels stay, the comment says so. */
export function renderGone(state: CommandState, through: number): string {
  return [
    commentHeader(state, through),
    "### syztriage: no report any more",
    "",
    "The reports this comment summarized are no longer in the issue. Labels the app added were left as they are.",
    ...commandsSection(state),
    "",
  ].join("\n");
}

/** The comment of an issue a maintainer marked invalid: the app no longer triages it. */
export function renderInvalid(state: CommandState, through: number): string {
  return [
    commentHeader(state, through),
    "### syztriage: marked invalid",
    "",
    "A maintainer marked this issue invalid (`#syz invalid`), so syztriage no longer triages it.",
    ...commandsSection(state),
    "",
  ].join("\n");
}

/** The comment that replaces the triage while `.github/syztriage.yml` is invalid: it mentions no one, and keeps the command state. */
export function renderConfigError(error: string, state: CommandState, through: number): string {
  return [
    commentHeader(state, through),
    "### syztriage: configuration error",
    "",
    "`.github/syztriage.yml` is invalid, so this issue was not triaged (no labels, no mentions):",
    "",
    codeBlock(error, 50, 500),
    "",
    "Fix the file on the default branch; the next edit or comment on this issue triages it again.",
    "",
  ].join("\n");
}
