import { bareCommit, emptyReport } from "../report-builder.js";
import type { Report } from "../schema.js";
import { applyField, isKnownField } from "../syzbot-email/fields.js";
import type { SourceLine } from "../text/source-lines.js";
import type { ReaderOptions } from "../reader-options.js";

/**
 * A syzbot report rewritten as a Markdown list, as multipath-tcp/mptcp_net-next files syzbot's bugs
 * in GitHub issues (issues #537, #540, #555, #586):
 *
 *   - HEAD commit:    00a5acdbf398 bpf: Fix configuration-dependent BTF function..
 *   - git tree:       bpf-next
 *   - dashboard link: https://syzkaller.appspot.com/bug?extid=...
 *   - ...
 *   - Bisected to:    commit 3f83d8a77eeeb47011b990fd766a421ee64f1d73     (or `/`: not bisected)
 *
 * The crash title is only in the title; the oops, when there is one, follows in a fence.
 */
const ITEM = /^[-*+]\s+([A-Za-z+ ]{2,20}):(?:\s+(.*))?$/;
const BISECTED_TO = "Bisected to";
const CULPRIT = /^(?:commit\s+)?([0-9a-f]{7,40})\b(?:\s+(.*))?$/;
const REPORTED_BY = /^(?:[-*+]\s+)?Reported-by: (syzbot\+[0-9a-f]+@[a-z.]+)$/;
/** Fields that make a list a syzbot report rather than any list with a colon in it. */
const MIN_FIELDS = 2;
/** How far after the list its `Reported-by:` tag may come (mptcp puts it in a fence below). */
const TAG_LOOKAHEAD = 40;

function item(text: string): { label: string; value: string } | null {
  const t = text.trim();
  if (t[0] !== "-" && t[0] !== "*" && t[0] !== "+") return null;
  const m = ITEM.exec(t);
  if (!m) return null;
  const label = (m[1] ?? "").trim();
  return label === BISECTED_TO || isKnownField(label) ? { label, value: (m[2] ?? "").trim() } : null;
}

/** Whether lines[i] starts such a list: a field item followed by another one. */
export function isMarkdownReportStart(lines: readonly SourceLine[], i: number): boolean {
  const line = lines[i];
  const previous = lines[i - 1];
  if (!line || !item(line.text)) return false;
  if (previous && previous.block === line.block && item(previous.text)) return false;
  let fields = 0;
  for (let j = i; j < lines.length && lines[j]?.block === line.block && item(lines[j]?.text ?? ""); j++) {
    if (++fields >= MIN_FIELDS) return true;
  }
  return false;
}

/**
 * Parses the list at lines[start]. With a bisection result it is a report; without one
 * (`Bisected to: /`, or no such item) it comes back as `unbisected`, a crash report by its fields.
 */
export function parseMarkdownReport(
  lines: SourceLine[],
  start: number,
  options: ReaderOptions,
): { report: Report | null; unbisected: Report | null; end: number } {
  const report = emptyReport("markdown-report", lines[start]?.line ?? 1);
  const block = lines[start]?.block;
  let i = start;
  let lastLine = start;
  for (; i < lines.length && lines[i]?.block === block; i++) {
    const t = lines[i]?.text ?? "";
    const field = item(t);
    if (!field) {
      // Other items (no reproducer, the assets' sub-list) belong to the report; prose ends it.
      if (/^\s*[-*+]\s/.test(t) || /^\s+\S/.test(t)) continue;
      break;
    }
    lastLine = i;
    if (field.label !== BISECTED_TO) {
      applyField(field.label, field.value, report);
      continue;
    }
    const culprit = CULPRIT.exec(field.value);
    if (culprit) {
      report.outcome = "culprit";
      report.culprit = bareCommit(culprit[1] ?? "", culprit[2] ?? "");
    }
  }
  // The tag syzbot asks fixes to carry, which mptcp copies below the list.
  for (let j = i; j < lines.length && j - i <= TAG_LOOKAHEAD; j++) {
    if (options.startsOtherReport(lines, j)) break;
    const tag = REPORTED_BY.exec(lines[j]?.text.trim() ?? "");
    if (tag) {
      report.reportedBy = tag[1] ?? null;
      break;
    }
  }
  report.source.endLine = lines[lastLine]?.line ?? report.source.startLine;
  const end = Math.max(i, start + 1);
  return report.culprit ? { report, unbisected: null, end } : { report: null, unbisected: report, end };
}
