// Splitting console text into lines and reading the kernel's console prefix
// (`[  123.456789][ T1234] `), as syzkaller's consoleOutputRe / stripLinePrefix do.

/**
 * Longest line the analyser looks at. A printk record is at most 1024 bytes (2048 in recent
 * kernels), so anything longer is merged junk; bounding the line bounds every regexp below.
 */
const MAX_LINE = 2048;

/** No console prefix at all (already extracted reports, pasted text without timestamps). */
export const NO_CONTEXT = "";
/** A timestamp without a printk caller id. */
export const CONSOLE_CONTEXT = "console";

export interface ConsoleLine {
  /** The line without console prefix (and without a questionable "? " marker), at most MAX_LINE. */
  text: string;
  /** NO_CONTEXT, CONSOLE_CONTEXT, or the printk caller: "T123" (task) or "C1" (cpu). */
  context: string;
  /** An unreliable stack frame (`? func+0x..`, powerpc `(unreliable)`): not part of the trace. */
  questionable: boolean;
}

/** Lines as the analyser reads them: text split here, or lines a caller already split (each capped at MAX_LINE). */
export function toLines(input: string | readonly string[]): string[] {
  return typeof input === "string" ? splitLines(input) : input.map((line) => (line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line));
}

/** Splits text into lines, dropping a trailing "\r" and capping each at MAX_LINE characters. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let next = text.indexOf("\n", pos);
    if (next === -1) next = text.length;
    let end = next;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    lines.push(text.slice(pos, Math.min(end, pos + MAX_LINE)));
    pos = next + 1;
  }
  // A trailing newline does not start another line.
  if (lines.length > 1 && lines[lines.length - 1] === "" && text.endsWith("\n")) lines.pop();
  return lines;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function skipDigits(line: string, pos: number): number {
  while (pos < line.length && isDigit(line.charCodeAt(pos))) pos++;
  return pos;
}

function skipSpaces(line: string, pos: number): number {
  while (line.charCodeAt(pos) === 32) pos++;
  return pos;
}

/**
 * Reads `[ *N.N]([ *(C|T)N])? ` at pos. Returns the caller context and where the text starts,
 * or null when the line has no timestamp there.
 */
function readStamp(line: string, pos: number): { context: string; end: number } | null {
  if (line.charCodeAt(pos) === 60 /* < */) {
    const close = skipDigits(line, pos + 1);
    if (close > pos + 1 && line.charCodeAt(close) === 62 /* > */) pos = close + 1;
  }
  if (line.charCodeAt(pos) !== 91 /* [ */) return null;
  let p = skipSpaces(line, pos + 1);
  const secs = skipDigits(line, p);
  if (secs === p || line.charCodeAt(secs) !== 46 /* . */) return null;
  p = skipDigits(line, secs + 1);
  if (p === secs + 1 || line.charCodeAt(p) !== 93 /* ] */) return null;
  p++;
  let context = CONSOLE_CONTEXT;
  if (line.charCodeAt(p) === 91) {
    const q = skipSpaces(line, p + 1);
    const kind = line[q];
    const digitsEnd = skipDigits(line, q + 1);
    if ((kind === "C" || kind === "T") && digitsEnd > q + 1 && line.charCodeAt(digitsEnd) === 93) {
      context = line.slice(q, digitsEnd);
      p = digitsEnd + 1;
    }
  }
  if (line.charCodeAt(p) !== 32) return null;
  return { context, end: p + 1 };
}

const DROPPED = /^\*\* [0-9]+ printk messages dropped \*\* /;
const LOGIN = " login: ";

/** Strips the console prefix of one line and classifies it. */
export function parseConsoleLine(line: string): ConsoleLine {
  const dropped = DROPPED.exec(line);
  const base = dropped ? dropped[0].length : 0;
  // A login prompt can be glued in front of the timestamp.
  const login = line.indexOf(LOGIN, base);
  const stamp = (login !== -1 ? readStamp(line, login + LOGIN.length) : null) ?? readStamp(line, base);
  if (!stamp) return { text: line, context: NO_CONTEXT, questionable: false };
  let text = line.slice(stamp.end);
  let questionable = false;
  // "<EOI>" marks the end of an interrupt stack and is never a questionable frame.
  if (!text.includes("<EOI>")) {
    const mark = text.indexOf(" ? ");
    if (mark !== -1) {
      text = text.slice(mark + 2);
      questionable = true;
    } else if (text.endsWith(" (unreliable)")) {
      text = text.slice(0, -" (unreliable)".length);
      questionable = true;
    }
  }
  return { text, context: stamp.context, questionable };
}

/** A printk caller id of a cpu in interrupt context ("C1"), as opposed to a task ("T123"). */
export function isCpuContext(context: string): boolean {
  return context.startsWith("C");
}
