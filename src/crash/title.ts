// Building the title of a report (syzkaller's extractDescription and isCorrupted): the format
// whose title matches earliest wins, its captures and the extracted frame fill the format
// string, and the result is normalized like syzbot's titles.

import type { LineSeq, OopsFormat } from "./headers.js";
import { canonicalTitle } from "./normalize.js";
import { FRAME_LINE, STACK_START, matchesAny } from "./patterns.js";
import type { OopsReport } from "./report.js";
import { extractFrames } from "./stack.js";

export interface TitleResult {
  title: string;
  /** Older or coarser titles of the same bug (syzkaller's alt titles), normalized. */
  altTitles: string[];
  /** The frame the title names, after skip patterns; null when the format has no stack. */
  frame: string | null;
  corrupted: boolean;
}

interface SeqMatch {
  line: number;
  col: number;
  groups: string[];
}

/** Matches a LineSeq over lines[from, to): each element on a later line than the previous one. */
function matchSeq(seq: LineSeq, lines: readonly string[], from: number, to: number): SeqMatch | null {
  const elements = Array.isArray(seq) ? seq : [seq as RegExp];
  const groups: string[] = [];
  let first: { line: number; col: number } | null = null;
  let line = from;
  for (const re of elements) {
    let match: RegExpExecArray | null = null;
    for (; line < to && !match; line++) match = re.exec(lines[line] ?? "");
    if (!match) return null;
    first ??= { line: line - 1, col: match.index };
    groups.push(...match.slice(1).map((group) => group ?? ""));
  }
  return first && { ...first, groups };
}

/** Fills syzkaller-style positional placeholders (%1..%9). */
function fill(fmt: string, args: readonly string[]): string {
  return fmt.replace(/%([1-9])/g, (_, n: string) => args[Number(n) - 1] ?? "");
}

/** syzkaller's check that a report which should have a stack trace really has one with frames. */
function missingStack(lines: readonly string[]): boolean {
  let hasStack = false;
  for (const key of STACK_START) {
    const at = lines.findIndex((line) => key.test(line));
    if (at === -1) continue;
    // Too short to hold a trace at all.
    if (lines.length - at < 3) return true;
    let frames = false;
    for (let i = at + 1; i < lines.length && i <= at + 15; i++) {
      const line = lines[i] ?? "";
      if (matchesAny(line, STACK_START)) break;
      if (line.includes("(stack is not available)") || matchesAny(line, FRAME_LINE)) {
        frames = true;
        break;
      }
    }
    if (!frames) return true;
    hasStack = true;
  }
  return !hasStack;
}

/** Timestamps merged into the middle of a title mean interleaved console output. */
const TIMESTAMP_IN_TITLE = /\[ *[0-9]+\.[0-9]+\]/;

/** The earliest title match of each format, considering only lines that contain the header. */
function earliestTitles(report: OopsReport): { format: OopsFormat; match: SeqMatch }[] {
  const { header, rawLines: lines, titleEnd } = report;
  const excluded = new Set<OopsFormat>();
  for (let line = 0; line < titleEnd; line++) {
    if (!(lines[line] ?? "").includes(header.header)) continue;
    const found: { format: OopsFormat; match: SeqMatch }[] = [];
    for (const format of header.formats) {
      if (excluded.has(format)) continue;
      const first = Array.isArray(format.title) ? format.title[0] : format.title;
      if (!first?.test(lines[line] ?? "")) continue;
      const match = matchSeq(format.title, lines, line, titleEnd);
      // The rest of the title did not follow; it cannot follow a later line either.
      if (match) found.push({ format, match });
      else excluded.add(format);
    }
    if (found.length > 0) {
      const col = Math.min(...found.map((f) => f.match.col));
      return found.filter((f) => f.match.col === col);
    }
  }
  return [];
}

export function extractTitle(report: OopsReport): TitleResult {
  const { header, rawLines: lines, titleEnd } = report;
  let corrupted = false;
  for (const { format, match } of earliestTitles(report)) {
    let captured = match;
    if (format.report) {
      const reported = matchSeq(format.report, lines, 0, titleEnd);
      if (!reported) {
        // The title matched but the body did not: the report was cut.
        corrupted = true;
        continue;
      }
      captured = reported;
    }
    let frames: (string | null)[] = [];
    let framesOk = true;
    if (format.stack) {
      // The frame search starts where the title (or report) matched.
      const from = [(lines[captured.line] ?? "").slice(captured.col), ...lines.slice(captured.line + 1, titleEnd)];
      ({ frames, ok: framesOk } = extractFrames(format.stack, from));
    }
    const args = [...captured.groups, ...frames.map((frame) => frame ?? "corrupted")];
    const title = canonicalTitle(fill(format.fmt, args));
    return {
      title,
      altTitles: (format.alt ?? []).map((alt) => canonicalTitle(fill(alt, args))),
      frame: frames[0] ?? null,
      corrupted:
        !framesOk ||
        format.corrupted === true ||
        TIMESTAMP_IN_TITLE.test(title) ||
        (format.noStackTrace !== true && missingStack(lines)),
    };
  }
  // No format produced a title: the header line itself is the title.
  const hasHeader = (l: string): boolean => l.includes(header.header);
  const line = lines.find(hasHeader) ?? report.lines.find(hasHeader) ?? "";
  const title = canonicalTitle(line.slice(Math.max(0, line.indexOf(header.header))));
  return { title, altTitles: [], frame: null, corrupted: corrupted || TIMESTAMP_IN_TITLE.test(title) };
}
