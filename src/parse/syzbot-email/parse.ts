import { splitAddressHeader } from "../fields/address-list.js";
import { isCommitLine, parseCommitDisplay } from "../fields/commit-display.js";
import { addressSet, emptyReport } from "../report-builder.js";
import type { Links, Report } from "../schema.js";
import type { SourceLine } from "../text/source-lines.js";
import { BISECTED_IN_REPORT, type EmailAnchor, emailAnchorAt } from "./anchors.js";

/** `label:  value` fields of syzbot's templates, by label. */
const LINK_FIELDS: Record<string, keyof Links> = {
  "dashboard link": "dashboard",
  "bisection log": "bisectionLog",
  "final oops": "crashReport",
  "final crash": "crashReport",
  "console output": "consoleLog",
  "console+strace": "consoleLog",
  "kernel config": "kernelConfig",
  "syz repro": "syzRepro",
  "C reproducer": "cRepro",
};
const FIELD = /^([A-Za-z+ ]{2,20}):\s+(.+)$/;
const START_COMMIT = /^([0-9a-f]{8,40})(?: .*)?$/;
const CANDIDATE = /^([0-9a-f]{8,40})(?: (.*))?$/;
const REPORTED_BY = /^Reported-(?:and-tested-)?by: (syzbot\+[0-9a-f]+@[a-z.]+)$/;
const FIXES = /^Fixes: ([0-9a-f]{8,40}) \("(.*)"\)$/;
const HEADER_LINE = /^(Subject|To|Cc|From):\s*(.*)$/i;
const FOOTER = [/^For information about bisection process see:/, /^---$/];
const MAX_HEADER_LOOKBACK = 60;

/** Strips `Re:`, `[syzbot]` and `[subsystem?]` tags from an email subject, leaving the crash title. */
export function titleFromSubject(subject: string): string | null {
  let t = subject.trim();
  for (let guard = 0; guard < 16; guard++) {
    const before = t;
    t = t.replace(/^(?:re|fwd?):\s*/i, "").replace(/^\[[^\]]{0,60}\]\s*/, "");
    if (t === before) break;
  }
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
  return out;
}

export interface EmailParseOptions {
  startsOtherReport: (lines: SourceLine[], i: number) => boolean;
}

/**
 * Parses a syzbot email or dashboard text from its anchor line. A bug report
 * that carries no bisection result comes back as `unbisected`, not as a report.
 */
export function parseSyzbotEmail(
  lines: SourceLine[],
  start: number,
  anchor: EmailAnchor,
  options: EmailParseOptions,
): { report: Report | null; unbisected: Report | null; end: number } {
  const first = lines[start];
  const block = first?.block ?? 0;
  const report = emptyReport("syzbot-email", first?.line ?? 1);
  const headers = readHeaders(lines, start);
  report.crashTitle = headers.subject ? titleFromSubject(headers.subject) : null;
  report.recipients = { to: addressSet(headers.to), cc: addressSet(headers.cc) };

  let result: EmailAnchor | null = anchor.kind === "bug-report" ? null : anchor;
  let crashStart = -1;
  let i = start + 1;
  let lastLine = start;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.block !== block) break;
    const t = line.text.trim();
    const { value: other, next: afterAnchor } = emailAnchorAt(lines, i);
    // A bug report embeds its inconclusive result; any other anchor starts a new report.
    const embedded = anchor.kind === "bug-report" && (other?.kind === "inconclusive" || other?.kind === "no-range");
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
    if (BISECTED_IN_REPORT.test(t)) {
      result = { kind: "bisected", direction: "cause" };
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
    const fixes = FIXES.exec(t);
    if (fixes) {
      report.fixesTag = { sha: fixes[1] ?? "", subject: fixes[2] ?? "" };
      if (anchor.kind === "bug-report") crashStart = afterTags(lines, i + 1, block);
      continue;
    }
    readField(t, report);
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

function readCandidates(lines: SourceLine[], from: number, block: number, report: Report): number {
  let i = from;
  while (i < lines.length && lines[i]?.block === block && lines[i]?.text.trim() === "") i++;
  for (; i < lines.length && lines[i]?.block === block; i++) {
    const m = CANDIDATE.exec(lines[i]?.text.trim() ?? "");
    if (!m) break;
    report.candidates.push({ sha: m[1] ?? "", subject: m[2] ?? null });
  }
  return i;
}

function readField(text: string, report: Report): void {
  const m = FIELD.exec(text);
  if (!m) return;
  const label = (m[1] ?? "").trim();
  const value = (m[2] ?? "").trim().replace(/^\[OBSOLETE\] /, "");
  const link = LINK_FIELDS[label];
  if (link) {
    report.links[link] = value;
    return;
  }
  if (label === "start commit" || label === "HEAD commit" || label === "oldest commit" || label === "latest commit") {
    const sha = START_COMMIT.exec(value);
    if (label === "oldest commit" || label === "latest commit") report.boundaryCommitTitle = value.replace(/^\S+\s*/, "") || null;
    else if (sha && (label === "start commit" || !report.startCommit)) report.startCommit = sha[1] ?? null;
  } else if (label === "compiler") {
    report.compilers = [value];
  }
}
