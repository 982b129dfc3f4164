// Reading stack frame lines (` func+0x1a/0x30 path/file.c:12`, ` func path/file.c:12 [inline]`,
// `[<ffffffff81234567>] func+0x1a/0x30`) and collecting the main stack of a report.

import { STACK_START, matchesAny } from "./patterns.js";

export interface Frame {
  /** Function name without compiler suffixes (".isra.0", ".cold") and offset. */
  func: string;
  file: string | null;
  line: number | null;
  /** Inlined into the next frame (no return address of its own). */
  inline: boolean;
}

const FRAME =
  /^\s*(?:\[<?(?:0x)?[0-9a-f]+>?\] ?){0,2}\s*(\? +)?([A-Za-z_][A-Za-z0-9_.]*)(\+0x[0-9a-f]+\/0x[0-9a-f]+)?(?: \[[^\]\s]+\])?(?: ([A-Za-z0-9_.\/-]+\.[A-Za-z]+):([0-9]+))?( \[inline\])?/;

/** A frame line, or null for other lines and for questionable ("? func") frames. */
function parseFrame(text: string): Frame | null {
  const m = FRAME.exec(text);
  if (!m || m[1] !== undefined) return null;
  const [, , symbol = "", offset, file, line, inline] = m;
  // A bare word is not a frame: it needs an offset or a source location.
  if (offset === undefined && file === undefined) return null;
  const dot = symbol.indexOf(".");
  return {
    func: dot > 0 ? symbol.slice(0, dot) : symbol,
    file: file ?? null,
    line: line === undefined ? null : Number(line),
    inline: inline !== undefined,
  };
}

/** Lines that may sit inside a stack trace without ending it: registers and context markers. */
const INSIDE_STACK =
  /^\s*(?:(?:RIP|RSP|RAX|RBX|RCX|RDX|RSI|RDI|RBP|R\d{1,2}|FS|GS|CS|DS|ES|CR\d|DR\d|Code|PKRU|ORIG_RAX|EFLAGS):|<\/?(?:IRQ|TASK|NMI|SOFTIRQ|EOI)>|\? )/;

const MAX_LEAD_IN = 4;

/**
 * The main stack of a report: the frames after the first stack start ("Call Trace:",
 * kmemleak's "backtrace:"), or after the oops line when there is none (KMSAN, KFENCE). The
 * trace runs over register dumps and <IRQ>/<TASK> markers and ends at any other line.
 */
export function mainStack(lines: readonly string[]): Frame[] {
  let i = lines.findIndex((line) => matchesAny(line, STACK_START)) + 1;
  if (i === 0) {
    // Without a stack start the frames follow a few descriptive lines (KFENCE: an empty line
    // and "Use-after-free read at ..."); look no further than that.
    const limit = Math.min(lines.length, 1 + MAX_LEAD_IN);
    i = 1;
    while (i < limit && parseFrame(lines[i] ?? "") === null) i++;
  }
  const frames: Frame[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const frame = parseFrame(line);
    if (frame) frames.push(frame);
    else if (!INSIDE_STACK.test(line)) break;
  }
  return frames;
}
