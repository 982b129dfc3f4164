import { splitAddressHeader } from "../fields/address-list.js";
import { isCommitLine, parseCommitDisplay, parseCommitReference } from "../fields/commit-display.js";
import { addressSet, bareCommit, emptyReport } from "../report-builder.js";
import type { Report } from "../schema.js";
import type { SourceLine } from "../text/source-lines.js";
import { type EmailAnchor, emailAnchorAt } from "./anchors.js";
import { isElision } from "../text/elision.js";
import { applyField, fieldAt } from "./fields.js";
import type { ReaderOptions } from "../reader-options.js";

const CANDIDATE = /^([0-9a-f]{8,40})(?: (.*))?$/;
const REPORTED_BY = /^Reported-(?:and-tested-)?by: (syzbot\+[0-9a-f]+@[a-z.]+)$/;
const FIXES = /^Fixes: ([0-9a-f]{8,40}) \("(.*)"\)$/;
/** A `Fixes:` tag a mail client broke inside its quoted subject. */
const FIXES_CUT = /^Fixes: [0-9a-f]{8,40} \("(?!.*"\)$)/;
const HEADER_LINE = /^(Subject|To|Cc|From):\s*(.*)$/i;
const FOOTER = [/^For information about bisection process see:/, /^---$/];
const MAX_HEADER_LOOKBACK = 60;
/** A reply between two parts of a quoted email is at most this long; further on, the quote is another message. */
const MAX_REPLY_LINES = 200;

/**
 * Strips `Re:`, `[syzbot]`, `[subsystem?]` and mptcp's `[syzkaller]` / `syzkaller:` tags from an
 * email subject or issue title, and the backticks mptcp puts around function names, leaving the
 * crash title (`[syzkaller] WARNING in \`__mptcp_clean_una\` (2)` -> `WARNING in __mptcp_clean_una (2)`).
 */
// A subject or title as syzbot (or a team copying its reports, mptcp's `[syzkaller] ...`) writes one for a bug.
const SYZBOT_SUBJECT = /^\s*(?:(?:re|fwd?):\s*)*\[(?:syzbot|syzkaller)\]/i;

/** The crash title an issue's title names, when it is titled as syzbot titles bugs; null otherwise. */
export function crashTitleOfIssue(title: string): string | null {
  return SYZBOT_SUBJECT.test(title) ? titleFromSubject(title) : null;
}

export function titleFromSubject(subject: string): string | null {
  let t = subject.trim();
  for (let guard = 0; guard < 16; guard++) {
    const before = t;
    t = t.replace(/^(?:re|fwd?):\s*/i, "").replace(/^\[[^\]]{0,60}\]\s*/, "").replace(/^syz(?:kaller|bot):\s*/i, "");
    if (t === before) break;
  }
  t = t.replace(/`([^`\s]+)`/g, "$1");
  return t.length > 0 ? t : null;
}

/** Mail headers pasted above the email body (lore, mail clients): subject and recipients. */
function readHeaders(lines: SourceLine[], start: number): { subject: string | null; to: string[]; cc: string[] } {
  const out = { subject: null as string | null, to: [] as string[], cc: [] as string[] };
  const block = lines[start]?.block;
  const from = Math.max(0, start - MAX_HEADER_LOOKBACK);
  for (let i = from; i < start; i++) {
    const line = lines[i];
    if (!line || line.block !== block) continue;
    const m = HEADER_LINE.exec(line.text);
    if (!m) continue;
    let value = m[2] ?? "";
    // Folded header lines continue with leading white space.
    while (i + 1 < start && /^[ \t]/.test(lines[i + 1]?.text ?? "")) value += " " + (lines[++i]?.text.trim() ?? "");
    const name = (m[1] ?? "").toLowerCase();
    if (name === "subject") out.subject = value;
    else if (name === "to") out.to.push(...splitAddressHeader(value).map((a) => a.email));
    else if (name === "cc") out.cc.push(...splitAddressHeader(value).map((a) => a.email));
  }
  out.subject ??= threadSubject(lines);
  return out;
}

/** A reply quoting syzbot's email is in the thread of its report: the message's own subject names the crash. */
function threadSubject(lines: SourceLine[]): string | null {
  for (let i = 0; i < lines.length && i < MAX_HEADER_LOOKBACK; i++) {
    const line = lines[i];
    if (!line || line.depth > 0 || line.text === "") break;
    const m = HEADER_LINE.exec(line.text);
    if (m && (m[1] ?? "").toLowerCase() === "subject" && /\[syzbot\]/.test(m[2] ?? "")) {
      const folded = lines[i + 1] && /^[ \t]/.test(lines[i + 1]?.text ?? "") ? ` ${lines[i + 1]?.text.trim()}` : "";
      return (m[2] ?? "") + folded;
    }
  }
  return null;
}

/**
 * Where a quoted email goes on after a reply cut into it (interleaved quoting): the next line at
 * its quote depth, when only lines of other depths come between and no report starts there.
 */
function resumeAfterReply(lines: SourceLine[], from: number, depth: number, options: ReaderOptions): number | null {
  if (depth === 0) return null;
  for (let j = from; j < lines.length && j - from <= MAX_REPLY_LINES; j++) {
    const line = lines[j];
    if (!line) return null;
    if (line.depth === depth) return j;
    if (emailAnchorAt(lines, j).value || options.startsOtherReport(lines, j)) return null;
  }
  return null;
}

/** A `Fixes:` line, joined with its continuation when a mail client broke it. */
function fixesAt(lines: SourceLine[], i: number, text: string): { sha: string; subject: string; next: number } | null {
  let t = text;
  let next = i + 1;
  const following = lines[i + 1];
  if (FIXES_CUT.test(t) && following && following.block === lines[i]?.block) {
    t = `${t}${t.endsWith(" ") ? "" : " "}${following.text.trim()}`;
    next = i + 2;
  }
  const m = FIXES.exec(t.trim());
  return m ? { sha: m[1] ?? "", subject: m[2] ?? "", next } : null;
}

/**
 * Parses a syzbot email or dashboard text from its anchor line. A bug report
 * that carries no bisection result comes back as `unbisected`, not as a report.
 */
export function parseSyzbotEmail(
  lines: SourceLine[],
  start: number,
  anchor: EmailAnchor,
  options: ReaderOptions,
): { report: Report | null; unbisected: Report | null; end: number } {
  const first = lines[start];
  let block = first?.block ?? 0;
  const depth = first?.depth ?? 0;
  const report = emptyReport("syzbot-email", first?.line ?? 1);
  const headers = readHeaders(lines, start);
  report.crashTitle = headers.subject ? titleFromSubject(headers.subject) : null;
  report.recipients = { to: addressSet(headers.to), cc: addressSet(headers.cc) };

  let result: EmailAnchor | null = anchor.kind === "bug-report" ? null : anchor;
  let crashStart = -1;
  let i = start + 1;
  let lastLine = start;
  for (; i < lines.length; i++) {
    let line = lines[i];
    if (line && line.block !== block) {
      const resumed = crashStart < 0 ? resumeAfterReply(lines, i, depth, options) : null;
      if (resumed === null) break;
      i = resumed;
      line = lines[i];
      block = line?.block ?? block;
    }
    if (!line) break;
    const t = line.text.trim();
    const { value: other, next: afterAnchor } = emailAnchorAt(lines, i);
    // A bug report embeds its bisection result; any other anchor starts a new report.
    const embedded =
      anchor.kind === "bug-report" && (other?.kind === "inconclusive" || other?.kind === "no-range" || (other?.kind === "bisected" && other.inReport === true));
    if (other && !embedded) break;
    if (!other && options.startsOtherReport(lines, i)) break;
    const inCrash = crashStart >= 0 && i >= crashStart;
    if (!inCrash && FOOTER.some((f) => f.test(t))) {
      lastLine = i;
      if (t !== "---") i++;
      break;
    }
    if (inCrash) {
      if (t === "---") break;
      lastLine = i;
      continue;
    }
    lastLine = i;
    if (t === "") continue;

    if (other) {
      result = other;
      i = (other.kind === "inconclusive" ? readCandidates(lines, afterAnchor, block, report) : afterAnchor) - 1;
      continue;
    }
    // `<sha> ("subject")`: the commit as someone quoting the email condensed it.
    const reference = result?.kind === "bisected" && !report.culprit ? parseCommitReference(t) : null;
    if (reference) {
      report.culprit = bareCommit(reference.sha, reference.subject);
      continue;
    }
    if (result?.kind === "bisected" && !report.culprit && isCommitLine(t)) {
      const display = parseCommitDisplay(lines, i, line.blockEnd);
      if (display) {
        report.culprit = display.commit;
        i = display.end - 1;
        lastLine = i;
      }
      continue;
    }
    if (result?.kind === "inconclusive" && report.candidates.length === 0 && CANDIDATE.test(t)) {
      i = readCandidates(lines, i, block, report) - 1;
      continue;
    }
    const reported = REPORTED_BY.exec(t);
    if (reported) {
      report.reportedBy = reported[1] ?? null;
      if (anchor.kind === "bug-report") crashStart = afterTags(lines, i + 1, block);
      continue;
    }
    const fixes = fixesAt(lines, i, t);
    if (fixes) {
      report.fixesTag = { sha: fixes.sha, subject: fixes.subject };
      i = fixes.next - 1;
      lastLine = i;
      if (anchor.kind === "bug-report") crashStart = afterTags(lines, i + 1, block);
      continue;
    }
    const field = fieldAt(lines, i, line.text);
    if (field && applyField(field.label, field.value, report)) {
      i = field.next - 1;
      lastLine = i;
    }
  }

  if (anchor.kind === "bug-report" && crashStart >= 0) {
    const text = lines
      .slice(crashStart, lastLine + 1)
      .map((l) => l.text)
      .join("\n")
      .trim();
    report.crashReport = text || null;
  }
  report.source.endLine = lines[lastLine]?.line ?? report.source.startLine;
  const end = Math.max(i, start + 1);
  // A bug report without a bisection result is still a crash report the app can triage.
  if (!result) return { report: null, unbisected: anchor.kind === "bug-report" ? report : null, end };
  report.direction = result.direction;
  report.outcome =
    result.kind === "bisected"
      ? report.culprit
        ? "culprit"
        : "incomplete"
      : result.kind === "inconclusive"
        ? "candidates"
        : result.direction === "cause"
          ? "oldest-release"
          : "still-crashes";
  return { report, unbisected: null, end };
}

/** The crash text of a bug report starts after its tag lines (Reported-by, Fixes) and a blank line. */
function afterTags(lines: SourceLine[], from: number, block: number): number {
  let i = from;
  while (i < lines.length && lines[i]?.block === block) {
    const t = lines[i]?.text.trim() ?? "";
    if (t !== "" && !REPORTED_BY.test(t) && !FIXES.test(t)) break;
    i++;
  }
  return i;
}

/**
 * The candidate list after an inconclusive result. A line that is no candidate, between a candidate
 * and the next one (or the list's end), is the previous subject wrapped by a mail client.
 */
function readCandidates(lines: SourceLine[], from: number, block: number, report: Report): number {
  let i = from;
  while (i < lines.length && lines[i]?.block === block && lines[i]?.text.trim() === "") i++;
  for (; i < lines.length && lines[i]?.block === block; i++) {
    const t = lines[i]?.text.trim() ?? "";
    if (isElision(t)) continue;
    const m = CANDIDATE.exec(t);
    const previous = report.candidates.at(-1);
    if (!m && previous && isWrappedSubject(lines, i, block)) {
      previous.subject = `${previous.subject ?? ""} ${t}`.trim();
      continue;
    }
    if (!m) break;
    report.candidates.push({ sha: m[1] ?? "", subject: m[2] ?? null });
  }
  return i;
}

/** A non-empty line, no syzbot field, followed by a candidate, a blank line or the end of the quote. */
function isWrappedSubject(lines: SourceLine[], i: number, block: number): boolean {
  const t = lines[i]?.text.trim() ?? "";
  if (t === "" || fieldAt(lines, i, t) !== null) return false;
  const next = lines[i + 1];
  const n = next?.text.trim() ?? "";
  return !next || next.block !== block || n === "" || CANDIDATE.test(n);
}
