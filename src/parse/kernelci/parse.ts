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
 */
type Section = "Summary" | "Checks" | "Parameters";
const SECTION = /^(Summary|Checks|Parameters):$/;
const ENTRY = /^([A-Za-z][A-Za-z ]{0,20}):\s+(.+)$/;
const COMMIT_REF = /^([0-9a-f]{7,40})(?: (.*))?$/;
const RULE = /^-{20,}$/;
const BREAKING = "Breaking commit found:";
const BISECTION_LOG = "Git bisection log:";
const CHECK: Record<string, "pass" | "fail"> = { PASS: "pass", FAIL: "fail" };
/** How far after the sections the commit and the log may come. */
const MAX_GAP = 12;

/** Whether lines[i] opens a KernelCI report: `Summary:` with a `Start:` entry under it. */
export function isKernelciStart(lines: readonly SourceLine[], i: number): boolean {
  if (lines[i]?.text.trim() !== "Summary:") return false;
  const next = lines[i + 1];
  return next !== undefined && next.block === lines[i]?.block && /^Start:\s/.test(next.text.trim());
}

interface Sections {
  entries: Record<Section, Record<string, string>>;
  end: number;
}

function readSections(lines: readonly SourceLine[], start: number): Sections {
  const entries: Record<Section, Record<string, string>> = { Summary: {}, Checks: {}, Parameters: {} };
  const block = lines[start]?.block;
  let section: Section | null = null;
  let end = start;
  for (let i = start; i < lines.length && lines[i]?.block === block; i++) {
    const t = lines[i]?.text.trim() ?? "";
    const heading = SECTION.exec(t);
    if (heading) {
      section = heading[1] as Section;
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

/** The lines between the two dashed rules after a label: [start, end). */
function ruledSpan(lines: readonly SourceLine[], labelAt: number): { start: number; end: number } | null {
  const block = lines[labelAt]?.block;
  let i = labelAt + 1;
  while (i < lines.length && lines[i]?.block === block && lines[i]?.text.trim() === "") i++;
  if (!RULE.test(lines[i]?.text.trim() ?? "")) return null;
  const start = i + 1;
  for (let j = start; j < lines.length && lines[j]?.block === block; j++) {
    if (RULE.test(lines[j]?.text.trim() ?? "")) return { start, end: j };
  }
  return null;
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
  report.startCommit = COMMIT_REF.exec(summary.Start ?? "")?.[1] ?? null;
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
  if (logged) {
    report.steps = logged.steps;
    report.range = logged.range;
    report.evidence = "log";
  }

  const result = COMMIT_REF.exec(summary.Result ?? "");
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
