import { isLogStart, logLineAt, parseBisectionLog } from "./bisection-log/parse.js";
import { isBisectStartCommand, isGitBisectAnchor, parseGitBisect } from "./git-bisect/parse.js";
import { isKernelciStart, parseKernelci } from "./kernelci/parse.js";
import { isMarkdownReportStart, parseMarkdownReport } from "./markdown-report/parse.js";
import type { Report } from "./schema.js";
import { mayStateCulprit, parseStatement } from "./statement/parse.js";
import { emailAnchorAt } from "./syzbot-email/anchors.js";
import { parseSyzbotEmail } from "./syzbot-email/parse.js";
import type { SourceLine } from "./text/source-lines.js";

/** How far to look for syzbot's lines after a bare `<sha> is the first bad commit`. */
const LOOKAHEAD = 400;

function isSyzbotLogLine(lines: SourceLine[], i: number): boolean {
  return logLineAt(lines, i).syzbotOnly;
}

function startsReport(lines: SourceLine[], i: number): boolean {
  const text = lines[i]?.text ?? "";
  return isBisectStartCommand(text) || isLogStart(lines, i) || emailAnchorAt(lines, i).value !== null || isKernelciStart(lines, i) || isMarkdownReportStart(lines, i);
}

/** `<sha> is the first bad commit` opens a syzbot log's tail when syzbot's own lines follow it. */
function syzbotLinesFollow(lines: SourceLine[], from: number): boolean {
  const block = lines[from]?.block;
  for (let i = from + 1; i < lines.length && i <= from + LOOKAHEAD && lines[i]?.block === block; i++) {
    if (isSyzbotLogLine(lines, i)) return true;
  }
  return false;
}

/**
 * Every bisection log, syzbot email and git bisect output in the text, in
 * order; and syzbot bug reports that carry no bisection (`unbisected`).
 */
export function findReports(lines: SourceLine[]): { reports: Report[]; unbisected: Report[] } {
  const reports: Report[] = [];
  const unbisected: Report[] = [];
  const options = { startsOtherReport: startsReport };
  let i = 0;
  while (i < lines.length) {
    let found: { report: Report | null; unbisected?: Report | null; end: number } | null = null;
    const anchor = emailAnchorAt(lines, i).value;
    // Each line is classified once here; a crash report's lines match nothing and cost one lookup.
    const logLine = anchor ? null : logLineAt(lines, i);
    const kind = logLine?.line?.kind;
    if (anchor) found = parseSyzbotEmail(lines, i, anchor, options);
    else if (isKernelciStart(lines, i)) found = parseKernelci(lines, i, options);
    else if (kind === "host" || kind === "start" || logLine?.syzbotOnly) found = parseBisectionLog(lines, i, options);
    else if (isGitBisectAnchor(lines, i)) {
      found = kind === "first-bad" && syzbotLinesFollow(lines, i) ? parseBisectionLog(lines, i, options) : parseGitBisect(lines, i, options);
    } else if (isMarkdownReportStart(lines, i)) found = parseMarkdownReport(lines, i, options);
    else if (mayStateCulprit(lines[i]?.text ?? "")) found = parseStatement(lines, i);
    if (!found) {
      i++;
      continue;
    }
    if (found.report) reports.push({ ...found.report, quoteDepth: lines[i]?.depth ?? 0 });
    if (found.unbisected) unbisected.push(found.unbisected);
    i = Math.max(found.end, i + 1);
  }
  return { reports: withoutRestatements(reports), unbisected };
}

const MIN_ABBREVIATION = 7;

/** Hashes seen so far, full or abbreviated; a lookup costs at most one probe per hash length. */
class CommitSet {
  private readonly exact = new Set<string>();
  private readonly prefixes = new Set<string>();

  add(sha: string): void {
    this.exact.add(sha);
    for (let k = MIN_ABBREVIATION; k <= sha.length; k++) this.prefixes.add(sha.slice(0, k));
  }

  /** Whether a hash names a commit already seen (either may be abbreviated). */
  has(sha: string): boolean {
    if (this.prefixes.has(sha)) return true;
    for (let k = MIN_ABBREVIATION; k < sha.length; k++) if (this.exact.has(sha.slice(0, k))) return true;
    return false;
  }
}

/**
 * A sentence that repeats the culprit of a report in the same text (a reply saying what the quoted
 * email says) adds nothing; only statements of their own remain, each once.
 */
function withoutRestatements(reports: Report[]): Report[] {
  const named = new CommitSet();
  for (const r of reports) {
    if (r.format === "statement") continue;
    if (r.culprit) named.add(r.culprit.sha);
    for (const c of r.candidates) named.add(c.sha);
  }
  return reports.filter((r) => {
    const sha = r.culprit?.sha;
    if (r.format !== "statement" || !sha) return true;
    if (named.has(sha)) return false;
    named.add(sha);
    return true;
  });
}
