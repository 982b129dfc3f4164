// Analysis of a Linux kernel oops: title, class, main stack, guilty frame and guilty file,
// computed the way syzbot does so the results can be compared with syzbot's reports.

import { mainStack, type Frame } from "./frames.js";
import { guiltyFile } from "./guilty.js";
import { crashKind } from "./kind.js";
import { normalizeTitle } from "./normalize.js";
import { locateReport } from "./report.js";
import { extractTitle } from "./title.js";

export type { Frame } from "./frames.js";
export { normalizeTitle } from "./normalize.js";
export { findOops } from "./report.js";

export interface CrashAnalysis {
  /** syzkaller-style title ("KASAN: use-after-free Read in foo"); the hint's when one was given. */
  title: string | null;
  /** The title this module extracted from the text, whatever the hint said. */
  extractedTitle: string;
  /** Older or coarser titles of the same bug, for matching against existing bugs. */
  altTitles: string[];
  /** Short class: KASAN, KMSAN, KCSAN, KFENCE, UBSAN, WARNING, BUG, GPF, NULL_DEREF, LOCKDEP, HANG, LEAK, PANIC, ... */
  kind: string | null;
  /** The main stack (Call Trace), questionable "? " frames dropped. */
  frames: Frame[];
  /** The function the title names (after skip patterns and syscall prefix stripping). */
  guiltyFrame: string | null;
  /** The first non-ignored source file of the report, refined to a deeper one in the same tree. */
  guiltyFile: string | null;
  /** The function on the line that named the guilty file. */
  guiltyFileFrame: string | null;
  /** No frame could be found, the report was cut or interleaved. */
  corrupted: boolean;
  /**
   * The text shows the machinery of a real oops, not only its header: a stack frame, a `Call
   * Trace:` or a register line. "BUG: typo in the README" is a header and nothing else.
   */
  traced: boolean;
  /** Input line range [start, end) of the oops. */
  start: number;
  end: number;
}

export interface CrashHints {
  /** A title already known for this text (e.g. syzbot's `crash:` line). */
  title?: string;
}

/** The frame a title ends with ("... in foo"), which is how syzbot names a bug's frame. */
const TITLE_FRAME = / in ((?:<[a-zA-Z0-9_: ]+>)?[a-zA-Z0-9_:]+)$/;

function titleFrame(title: string): string | null {
  const frame = TITLE_FRAME.exec(title)?.[1] ?? null;
  return frame === "corrupted" ? null : frame;
}

/**
 * Analyses the first oops in text (a console log, a report, a pasted issue body), given as
 * one string or as lines already split; null when there is none.
 */
/** Lines only a kernel prints around a report: the stack's heading and the faulting instruction. */
const TRACE_LINE = /^\s*(?:Call Trace:|RIP: |pc : |NIP: |PC is at )/;

export function analyseCrash(text: string | readonly string[], hints?: CrashHints): CrashAnalysis | null {
  const report = locateReport(text);
  if (!report) return null;
  const frames = mainStack(report.lines);
  const extracted = extractTitle(report);
  const hinted = hints?.title?.trim() ? normalizeTitle(hints.title) : null;
  const title = hinted ?? extracted.title;
  const ownTitle = title === extracted.title;
  const guilty = guiltyFile(report.lines, title);
  return {
    title,
    extractedTitle: extracted.title,
    altTitles: extracted.altTitles,
    kind: crashKind(title),
    frames,
    guiltyFrame: ownTitle ? (extracted.frame ?? titleFrame(title)) : titleFrame(title),
    guiltyFile: guilty?.file ?? null,
    guiltyFileFrame: guilty?.func ?? null,
    corrupted: ownTitle ? extracted.corrupted : title.endsWith(" in corrupted"),
    traced: frames.length > 0 || report.lines.some((line) => TRACE_LINE.test(line)),
    start: report.start,
    end: report.end,
  };
}
