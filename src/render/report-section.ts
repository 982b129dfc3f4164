import { culpritDoubt } from "../analyse/doubt.js";
import type { AnalysedCrash, AnalysedReport } from "../analyse/reports.js";
import type { Report, WarningCode } from "../parse/schema.js";
import { code, codeBlock, inline } from "./escape.js";
import { commitText } from "./headline.js";
import { linksLine } from "./links.js";
import type { TriageView } from "./view.js";

const MAX_FILES_SHOWN = 15;
const MAX_CANDIDATES_SHOWN = 20;

const FORMAT_WORDS: Record<Report["format"], string> = {
  "bisection-log": "syzbot's bisection log",
  "syzbot-email": "a syzbot report",
  "git-bisect-log": "git bisect output",
  kernelci: "a KernelCI bisection report",
  "markdown-report": "a syzbot report rewritten as a list",
  statement: "a person's statement",
};

/** The verdict's signal that states the same fact as a warning of the log: said once, by the verdict. */
const SAID_BY_SIGNAL: Partial<Record<WarningCode, string>> = {
  "merge-commit": "merge",
  "noop-change": "noop",
  "release-commit": "release",
  "low-confidence": "low-confidence",
  "flaky-reproducer": "flaky",
  "disagreeing-runs": "disagreeing-runs",
  "title-changed": "other-crash",
  "culprit-title-differs": "other-crash",
};
/** Facts the headline states. */
const SAID_BY_HEADLINE: ReadonlySet<WarningCode> = new Set(["error", "incomplete"]);

/** A reason as a sentence; syzbot keeps its lower case. */
function sentence(text: string): string {
  return text.startsWith("syzbot") ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Where the text came from: the issue, a comment, or a log linked from one of them. */
export function originText(origin: AnalysedReport["origin"]): string {
  // The dry run reads a file, not an issue.
  const where = origin.url ? `[${origin.kind === "issue" ? "the issue" : "a comment"} by ${inline(origin.author, 40)}](${origin.url})` : "the input";
  // A linked log's address came from the issue text: shown, never linked.
  return origin.via ? `the log ${code(origin.via, 200)} linked from ${where}` : where;
}

/** `syzbot+<id>@…` from the report, else from its dashboard link's extid (mptcp's lists carry only the link). */
function reportedBy(report: Pick<Report, "reportedBy" | "links">): string | null {
  if (report.reportedBy) return report.reportedBy;
  const extid = report.links.dashboard?.match(/[?&]extid=([0-9a-f]{8,40})\b/)?.[1];
  return extid ? `syzbot+${extid}@syzkaller.appspotmail.com` : null;
}

/** The `Fixes:` line for the bisection's culprit when it deserves the blame: no doubt speaks against it, and never a merge. */
function fixesLine(r: AnalysedReport, view: TriageView): string | null {
  const report = r.report;
  // A maintainer's culprit has its own block.
  if (report.direction !== "cause" || view.override) return null;
  const culprit = report.culprit;
  if (!culprit || culprit.merge || view.commits.get(culprit.sha)?.merge || culpritDoubt(r) !== null) return null;
  const subject = report.fixesTag?.subject ?? (culprit.subject || view.commits.get(culprit.sha)?.subject || null);
  return subject ? `Fixes: ${(report.fixesTag?.sha ?? culprit.sha).slice(0, 12)} ("${subject}")` : null;
}

/** The trailers for the fixing commit, ready to paste; none when the result is the fix itself. */
function trailers(r: AnalysedReport, view: TriageView): string[] {
  if (r.report.direction === "fix") return [];
  const by = reportedBy(r.report);
  const fixes = fixesLine(r, view);
  return trailerBlock([...(by ? [`Reported-by: ${by}`] : []), ...(fixes ? [fixes] : [])]);
}

function trailerBlock(lines: readonly string[]): string[] {
  return lines.length > 0 ? ["For the fix's commit message:", "", codeBlock(lines.join("\n"), 4, 200)] : [];
}

/** The crash of the bug, with the frame and file syzbot would blame. */
function crashLine(r: AnalysedReport): string | null {
  const own = r.ownCrash;
  const title = own?.title ?? r.report.originalCrashTitle ?? (r.strayCrash === null ? r.report.crashTitle : null);
  if (!title) return null;
  // The title usually names the guilty frame already.
  const frame = own?.guiltyFrame && !title.includes(own.guiltyFrame) ? `, guilty frame ${code(own.guiltyFrame, 80)}` : "";
  const file = own?.guiltyFile ? `, guilty file ${code(own.guiltyFile, 120)}` : "";
  const stray = r.strayCrash ? `; the bisection's result crashed with ${code(r.strayCrash, 200)} instead` : "";
  return `**Crash:** ${code(title, 200)}${frame}${file}${stray}`;
}

/** Reasons and facts of the log, each said once: the verdict's against, then what else the log says, then what speaks for it. */
function reasons(r: AnalysedReport): string[] {
  const verdict = r.judgement.kind === "verdict" ? r.judgement.verdict : null;
  const fired = new Set(verdict?.signals ?? []);
  const said = (code: WarningCode) => SAID_BY_HEADLINE.has(code) || fired.has(SAID_BY_SIGNAL[code] ?? "");
  const facts = r.report.warnings.filter((w) => !said(w.code)).map((w) => w.message);
  const items = [...(verdict?.reasons ?? []).map((s) => `${sentence(s)}.`), ...facts];
  const list = (heading: string, lines: string[]) => (lines.length > 0 ? [`**${heading}**`, ...lines.map((i) => `- ${inline(i, 400)}`)] : []);
  const heading = verdict && !verdict.reliable ? "Why it is doubtful:" : verdict && verdict.reasons.length > 0 ? "What weighs against it:" : "What the log says:";
  const support = list("What speaks for it:", (verdict?.support ?? []).map((s) => `${sentence(s)}.`));
  return [...list(heading, items), ...(items.length > 0 && support.length > 0 ? [""] : []), ...support];
}

function tested(report: Report): string | null {
  if (report.steps.length === 0) return report.revisionsTested === null ? null : `${report.revisionsTested} revisions`;
  const count = (v: string | null) => report.steps.filter((s) => s.verdict === v).length;
  const parts = (
    [
      [count("bad"), "bad"],
      [count("good"), "good"],
      [count("skip"), "skipped"],
      [count(null), "not judged"],
    ] as const
  ).flatMap(([n, word]) => (n > 0 ? [`${n} ${word}`] : []));
  const time = report.totalTime ? ` in ${report.totalTime.total.text.replace(/\.\d+s$/, "s")}` : "";
  return `${report.steps.length} commit${report.steps.length === 1 ? "" : "s"}${time}: ${parts.join(", ")}`;
}

function detailItems(r: AnalysedReport, view: TriageView): string[] {
  const report = r.report;
  const out: string[] = [];
  const item = (name: string, value: string) => out.push(`- **${name}:** ${value}`);
  item("Read from", `${originText(r.origin)} (${FORMAT_WORDS[report.format]}, ${report.direction} bisection)`);
  const c = report.culprit;
  if (c) {
    const facts = view.commits.get(c.sha);
    const author = c.author ?? facts?.author ?? null;
    const who = author ? `, ${inline(author.name || author.email, 80)}${c.date ? `, ${c.date.slice(0, 10)}` : ""}` : "";
    item(report.direction === "fix" ? "Fix" : "Culprit", `${commitText(c.sha, c.subject || facts?.subject || null, view.commits)}${c.merge ? " (merge commit)" : ""}${who}`);
  }
  if (r.files.length > 0) {
    const shown = r.files.slice(0, MAX_FILES_SHOWN).map((f) => `${code(f.path, 120)}${f.lines === null ? "" : ` (${f.lines})`}`);
    const more = r.files.length > MAX_FILES_SHOWN ? `, and ${r.files.length - MAX_FILES_SHOWN} more` : "";
    item(r.filesFrom === "kernel tree" ? "Files (from the kernel tree)" : "Files", shown.join(", ") + more);
  }
  if (r.culpritSubsystems.length > 0) item(report.direction === "fix" ? "Fix's subsystems" : "Culprit's subsystems", r.culpritSubsystems.map((s) => `${inline(s.name, 50)} (${s.lines} lines)`).join(", "));
  if (report.candidates.length > 0) {
    out.push(`- **Candidates:**`);
    for (const x of report.candidates.slice(0, MAX_CANDIDATES_SHOWN)) out.push(`  - ${commitText(x.sha, x.subject, view.commits)}`);
    if (report.candidates.length > MAX_CANDIDATES_SHOWN) out.push(`  - and ${report.candidates.length - MAX_CANDIDATES_SHOWN} more`);
  }
  const count = tested(report);
  if (count) item("Tested", count);
  if (report.startCommit) item("Started from", code(report.startCommit.slice(0, 12)));
  if (report.boundaryCommitTitle) item(report.direction === "fix" ? "Newest tested" : "Oldest tested", inline(report.boundaryCommitTitle, 120));
  if (report.compilers.length > 0) item("Compiler", report.compilers.map((x) => code(x, 120)).join(", "));
  if (r.judgement.kind === "verdict") item("Verdict", `${r.judgement.verdict.reliable ? "reliable" : "unreliable"}, score ${r.judgement.verdict.score.toFixed(2)} of 1.00`);
  return out;
}

/** What a report adds below the headlines: its links, the crash, the trailers, the reasons, the details folded. */
export function reportBlock(r: AnalysedReport, view: TriageView, title: string | null, details: boolean): string[] {
  const out: string[] = [];
  const add = (lines: string[]) => {
    if (lines.length > 0) out.push("", ...lines);
  };
  if (title) add([title]);
  const links = linksLine(r.report.links);
  add(links ? [`**Links:** ${links}`] : []);
  const crash = crashLine(r);
  add(crash ? [crash] : []);
  add(trailers(r, view));
  add(reasons(r));
  if (details) add(["<details><summary>Details</summary>", "", ...detailItems(r, view), "", "</details>"]);
  return out;
}

/** A maintainer's culprit: the `Fixes:` line for it, when the kernel tree has it and it is no merge. */
export function overrideBlock(view: TriageView, title: string | null): string[] {
  const o = view.override;
  if (!o?.sha || !o.commit?.subject || o.commit.merge) return [];
  return [...(title ? ["", title] : []), "", ...trailerBlock([`Fixes: ${o.sha.slice(0, 12)} ("${o.commit.subject}")`])];
}

/** A crash report without a bisection: its links, trailers and where it points. */
export function crashBlock(c: AnalysedCrash, title: string | null): string[] {
  const f = c.finding;
  const out: string[] = [];
  if (title) out.push("", title);
  if (f.crash.guiltyFrame && !f.title?.includes(f.crash.guiltyFrame)) out.push("", `**Guilty frame:** ${code(f.crash.guiltyFrame, 80)}`);
  const links = linksLine(f.links);
  if (links) out.push("", `**Links:** ${links}`);
  const by = reportedBy(f);
  if (by) out.push("", ...trailerBlock([`Reported-by: ${by}`]));
  out.push("", `Read from ${originText(c.origin)}.`);
  return out;
}
