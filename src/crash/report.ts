// Finding the first oops in arbitrary text and collecting the lines of its report, as
// syzkaller's findFirstOops / findReport do: keep the lines printed by the same task or cpu,
// drop questionable frames, and note where a second report starts.

import { INFO_MESSAGES_WITH_STACK, OOPS_HEADERS, REPORT_START_IGNORES, type OopsHeader } from "./headers.js";
import { CONSOLE_CONTEXT, NO_CONTEXT, isCpuContext, parseConsoleLine, toLines } from "./lines.js";
import { matchesAny } from "./patterns.js";

export interface OopsReport {
  header: OopsHeader;
  /** Report lines without console prefix, as given (possibly symbolized); the oops line first. */
  lines: string[];
  /**
   * The report as the kernel printed it: without the "[inline]" lines and "file.c:N" locations a
   * symbolizer adds. syzbot builds titles from raw console output, so titles are built from these.
   */
  rawLines: string[];
  /** rawLines[0, titleEnd) come before a second report; only they are used for the title. */
  titleEnd: number;
  /** Input line range [start, end) of the first oops, up to a second report. */
  start: number;
  end: number;
}

/**
 * A line the symbolizer inserted for an inlined function; the kernel printed only the next one.
 * Old symbolizers put the marker before the rest of the line ("[inline] at addr ...", "[inline]()").
 */
const INLINE_COPY = / \[inline\]/;
/** The location a symbolizer appends to "func+0x1/0x2". */
const LOCATION = /(\+0x[0-9a-f]+\/0x[0-9a-f]+) [a-zA-Z0-9_.\/-]+:[0-9]+/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One pass over a line tells whether any header occurs in it at all. */
const ANY_HEADER = new RegExp(OOPS_HEADERS.map((h) => escapeRegExp(h.header)).join("|"));

/**
 * syzbot's bisection logs quote titles in result lines ("run #0: crashed: BUG: ...",
 * "all runs: boot failed: ...", "crash: ..."); they name a report but are not one.
 */
const QUOTED_TITLE =
  /^(?:(?:representative )?crash|(?:run #[0-9]+|all runs): (?:crashed|boot failed|basic kernel testing failed|infra problem|ignore|failed)): /;

/** The report kind a line starts, if it starts one. */
function matchHeader(line: string): OopsHeader | null {
  if (!ANY_HEADER.test(line) || QUOTED_TITLE.test(line)) return null;
  return OOPS_HEADERS.find((h) => line.includes(h.header) && !matchesAny(line, h.suppressions)) ?? null;
}

/** Whether a line inside a report starts another one (which then bounds the title search). */
function startsSecondReport(line: string): boolean {
  if (matchHeader(line)) return !matchesAny(line, REPORT_START_IGNORES);
  return INFO_MESSAGES_WITH_STACK.some((message) => line.includes(message));
}

const PANIC = "Kernel panic - not syncing";
const CIRCULAR = "WARNING: possible circular locking dependency detected";

/**
 * panic_on_warn adds a panic with its own stack after the real report, and oops printing often
 * triggers a lockdep report; once the report has this many lines, both are cut off. KMSAN
 * reports have no "Call Trace:" block and are shorter.
 */
function reportMinLines(oopsLine: string): number {
  return oopsLine.includes("BUG: KMSAN:") ? 16 : 22;
}

export function locateReport(input: string | readonly string[]): OopsReport | null {
  const raw = toLines(input);
  let start = -1;
  let header: OopsHeader | null = null;
  for (let i = 0; i < raw.length && !header; i++) {
    header = matchHeader(raw[i] ?? "");
    if (header) start = i;
  }
  if (!header) return null;

  const first = parseConsoleLine(raw[start] ?? "");
  const context = first.context;
  // Without a printk caller id the console interleaves everything, so a second report ends
  // the text that belongs to the first one.
  const interleaved = context === NO_CONTEXT || context === CONSOLE_CONTEXT;
  const minLines = reportMinLines(first.text);
  const lines: string[] = [];
  const rawLines: string[] = [];
  let titleEnd = 0;
  let end = start + 1;
  let second = false;
  let textLines = 0;
  let skipRest = false;
  let cpuTraceback = false;
  for (let i = start; i < raw.length; i++) {
    const line = raw[i] ?? "";
    const parsed = i === start ? first : parseConsoleLine(line);
    const inline = INLINE_COPY.test(parsed.text);
    // Inlined copies of the oops line come before it; the first printed line opens the report.
    const opened = rawLines.length > 0;
    if (opened && !inline && !second && startsSecondReport(line)) second = true;
    if (i > start) {
      const sameSource = parsed.context === context || (cpuTraceback && isCpuContext(parsed.context));
      if (parsed.questionable || !sameSource) continue;
    }
    if (!inline) textLines++;
    if (opened && line.includes("Disabling lock debugging due to kernel taint")) continue;
    if (line.includes("Sending NMI from CPU")) {
      // A traceback of all cpus follows; keep it even though it comes from other contexts.
      cpuTraceback = true;
    } else if (opened && (line.includes(PANIC) || line.includes(CIRCULAR)) && textLines > minLines) {
      skipRest = true;
    }
    if (skipRest) continue;
    lines.push(parsed.text);
    if (!inline) {
      rawLines.push(parsed.text.replace(LOCATION, "$1"));
      if (!second || !interleaved) titleEnd = rawLines.length;
    }
    if (!second) end = i + 1;
  }
  while (end > start + 1 && (raw[end - 1] ?? "").trim() === "") end--;
  return { header, lines, rawLines, titleEnd, start, end };
}

/** Line range [start, end) of the first oops in text, or null when there is none. */
export function findOops(text: string): { start: number; end: number } | null {
  const report = locateReport(text);
  return report && { start: report.start, end: report.end };
}
