import { isCommitLine, parseCommitDisplay } from "../fields/commit-display.js";
import { parseGitBisect } from "../git-bisect/parse.js";
import { bareCommit, emptyReport } from "../report-builder.js";
import type { Checks, Commit, Report } from "../schema.js";
import type { SourceLine } from "../text/source-lines.js";
import type { ReaderOptions } from "../reader-options.js";

/**
 * KernelCI's bisection report (kernelci-core's bisection email, as mailed to kernelci-results and
 * pasted into kernelci-project issues):
 *
 *   Summary:
 *     Start:      <12-hex> <subject>
 *     Plain log:  <url>
 *     HTML log:   <url>
 *     Result:     <12-hex> <subject>
 *   Checks:
 *     revert:     PASS|FAIL
 *     verify:     PASS|FAIL
 *   Parameters:
 *     Tree: ... URL: ... Branch: ... Target: ... CPU arch: ... Lab: ... Compiler: ... Config: ... Test case: ...
 *   Breaking commit found:   (a dashed rule, the commit with its patch, a dashed rule)
 *   Git bisection log:       (a dashed rule, `git bisect log`, a dashed rule)
 *
 * and its first form (kernelci-backend, 2018), without checks:
 *
 *   Bisection result for <tree>/<branch> (<describe>) on <target>
 *   Good:   <7-hex> <subject>
 *   Bad:    <7-hex> <subject>
 *   Found:  <7-hex> <subject>
 *   Extra parameters:
 *     Tree: ... URL: ... Branch: ... Target: ... Lab: ... Defconfig: ... Plan: ...
 *   Breaking commit found:   (as above)
 */
type Section = "Summary" | "Checks" | "Parameters";
/** Section headings, with the first form's name for its parameters. */
const SECTIONS: Record<string, Section> = { Summary: "Summary", Checks: "Checks", Parameters: "Parameters", "Extra parameters": "Parameters" };
const SECTION = /^(Summary|Checks|Parameters|Extra parameters):$/;
/** The first form's opening line; its Good/Bad/Found entries are its summary. */
const FIRST_FORM_HEADER = /^Bisection result for \S+ \(\S+\) on \S+$/;
const FIRST_FORM_ENTRY = /^(?:Good|Bad|Found):\s/;
const ENTRY = /^([A-Za-z][A-Za-z ]{0,20}):\s+(.+)$/;
const COMMIT_REF = /^([0-9a-f]{7,40})(?: (.*))?$/;
const RULE = /^-{20,}$/;
const BREAKING = "Breaking commit found:";
const BISECTION_LOG = "Git bisection log:";
const CHECK: Record<string, "pass" | "fail"> = { PASS: "pass", FAIL: "fail" };
/** How far after the sections the commit and the log may come. */
const MAX_GAP = 12;

/** The first non-blank line after lines[i] in its block. */
function nextFilled(lines: readonly SourceLine[], i: number): SourceLine | undefined {
  for (let j = i + 1; j < lines.length && j <= i + 2 && lines[j]?.block === lines[i]?.block; j++) {
    if (lines[j]?.text.trim() !== "") return lines[j];
  }
  return undefined;
}

/** Whether lines[i] opens a KernelCI report: `Summary:` with a `Start:` entry under it, or the first form's header. */
export function isKernelciStart(lines: readonly SourceLine[], i: number): boolean {
  const text = lines[i]?.text.trim() ?? "";
  if (text === "Summary:") return /^Start:\s/.test(nextFilled(lines, i)?.text.trim() ?? "");
  return FIRST_FORM_HEADER.test(text) && FIRST_FORM_ENTRY.test(nextFilled(lines, i)?.text.trim() ?? "");
}

interface Sections {
  entries: Record<Section, Record<string, string>>;
  end: number;
}

function readSections(lines: readonly SourceLine[], start: number): Sections {
  const entries: Record<Section, Record<string, string>> = { Summary: {}, Checks: {}, Parameters: {} };
  const block = lines[start]?.block;
  // The first form's header stands where `Summary:` stands.
  let section: Section | null = FIRST_FORM_HEADER.test(lines[start]?.text.trim() ?? "") ? "Summary" : null;
  let end = start + (section ? 1 : 0);
  for (let i = end; i < lines.length && lines[i]?.block === block; i++) {
    const t = lines[i]?.text.trim() ?? "";
    const heading = SECTION.exec(t);
    if (heading) {
      section = SECTIONS[heading[1] ?? ""] ?? null;
      end = i + 1;
      continue;
    }
    if (t === "") continue;
    const entry = section ? ENTRY.exec(t) : null;
    if (!section || !entry) break;
    entries[section][entry[1] ?? ""] = entry[2] ?? "";
    end = i + 1;
  }
  return { entries, end };
}

/** The index of the line holding `label` within a few lines of `from`, in the same block. */
function findLabel(lines: readonly SourceLine[], from: number, label: string): number | null {
  const block = lines[from]?.block;
  for (let i = from; i < lines.length && i - from <= MAX_GAP && lines[i]?.block === block; i++) {
    if (lines[i]?.text.trim() === label) return i;
  }
  return null;
}

/** The lines between the two dashed rules after a label: [start, end); a paste cut before the second ends with its block. */
function ruledSpan(lines: readonly SourceLine[], labelAt: number): { start: number; end: number } | null {
  const block = lines[labelAt]?.block;
  let i = labelAt + 1;
  while (i < lines.length && lines[i]?.block === block && lines[i]?.text.trim() === "") i++;
  if (!RULE.test(lines[i]?.text.trim() ?? "")) return null;
  const start = i + 1;
  let j = start;
  for (; j < lines.length && lines[j]?.block === block; j++) {
    if (RULE.test(lines[j]?.text.trim() ?? "")) return { start, end: j };
  }
  return { start, end: j };
}

function checksOf(entries: Record<string, string>): Checks | null {
  if (!("revert" in entries) && !("verify" in entries)) return null;
  return { revert: CHECK[entries.revert?.trim() ?? ""] ?? null, verify: CHECK[entries.verify?.trim() ?? ""] ?? null };
}

export function parseKernelci(lines: SourceLine[], start: number, options: ReaderOptions): { report: Report; end: number } {
  const report = emptyReport("kernelci", lines[start]?.line ?? 1);
  const { entries, end: sectionsEnd } = readSections(lines, start);
  const summary = entries.Summary;
  report.checks = checksOf(entries.Checks);
  report.parameters = { ...entries.Parameters };
  // The first form names the range's ends (Bad is where the bisection started) instead of `Start:`.
  report.startCommit = COMMIT_REF.exec(summary.Start ?? summary.Bad ?? "")?.[1] ?? null;
  report.links.testLog = summary["Plain log"] ?? null;
  if (entries.Parameters.Compiler) report.compilers = [entries.Parameters.Compiler];
  let end = sectionsEnd;

  let display: Commit | null = null;
  const breakingAt = findLabel(lines, end, BREAKING);
  const breaking = breakingAt === null ? null : ruledSpan(lines, breakingAt);
  if (breaking && isCommitLine(lines[breaking.start]?.text ?? "")) {
    display = parseCommitDisplay(lines, breaking.start, breaking.end)?.commit ?? null;
    end = breaking.end + 1;
  }
  let logged: Report | null = null;
  const logAt = findLabel(lines, end, BISECTION_LOG);
  const log = logAt === null ? null : ruledSpan(lines, logAt);
  if (log) {
    logged = parseGitBisect(lines.slice(0, log.end), log.start, options).report;
    end = log.end + 1;
  }
  const good = COMMIT_REF.exec(summary.Good ?? "")?.[1];
  if (report.startCommit && good) report.range = { bad: report.startCommit, good: [good] };
  if (logged) {
    report.steps = logged.steps;
    report.range = logged.range;
    report.evidence = "log";
  }

  const result = COMMIT_REF.exec(summary.Result ?? summary.Found ?? "");
  if (result) {
    const sha = result[1] ?? "";
    report.outcome = "culprit";
    // The commit display has the files; the log's `# first bad commit` at least the full hash.
    const known = [display, logged?.culprit ?? null].find((c) => c?.sha.startsWith(sha)) ?? null;
    report.culprit = known ? { ...known, subject: known.subject || result[2] || "" } : bareCommit(sha, result[2] ?? "");
  }
  report.source.endLine = lines[Math.max(start, end - 1)]?.line ?? report.source.startLine;
  return { report, end: Math.max(end, start + 1) };
}
