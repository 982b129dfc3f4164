// Picking the title frame of a report by walking a StackSpec over its lines (syzkaller's
// extractStackFrame): candidate frames are collected in order, skip patterns drop the
// infrastructure, syscall prefixes are stripped, and stalls/hangs use their own choosers.

import { STACK, type StackPart, type StackSpec } from "./headers.js";
import { FRAME_LINE, STACK_START, matchesAny } from "./patterns.js";
import {
  CORRUPTED_FRAME_LINE,
  FRAME_SKIP,
  HANG_ANCHORS,
  HANG_SKIP,
  STALL_ANCHORS,
  SYSCALL_PREFIXES,
  skipRegExp,
} from "./skip.js";

export interface ExtractedFrames {
  /** One frame per STACK group of the spec (usually one); null where none was found. */
  frames: (string | null)[];
  /** False when a frame was missing or a fault-injection stack was mixed in. */
  ok: boolean;
}

/** Removes the syscall wrapper prefix that gives the shortest name. */
function stripSyscallPrefix(frame: string): string {
  let best = frame;
  for (const prefix of SYSCALL_PREFIXES) {
    if (frame.startsWith(prefix) && frame.length - prefix.length < best.length) best = frame.slice(prefix.length);
  }
  return best;
}

const STALL_ANCHOR_RES = STALL_ANCHORS.map((p) => new RegExp(p));

/**
 * Stalls loop somewhere above a dispatcher (syscall entry, softirq, workqueue); the frame just
 * above the first dispatcher names the stall, so one stall gets one title wherever it was caught.
 */
function stallFrame(frames: readonly string[]): string | null {
  let prev = frames[0] ?? null;
  for (const frame of frames) {
    if (STALL_ANCHOR_RES.some((re) => re.test(frame))) {
      // Several cross-call variants follow smp_call_function; name the common part.
      return frame.includes("smp_call_function") ? "smp_call_function" : prev;
    }
    prev = frame;
  }
  return null;
}

/** Hung tasks are grouped by what they wait for (rtnl, rcu); otherwise the first non-waiting frame. */
function hangFrame(frames: readonly string[]): string | null {
  for (const frame of frames) {
    for (const [anchor, name] of HANG_ANCHORS) {
      if (frame.includes(anchor)) return name || frame;
    }
  }
  return frames.find((frame) => !HANG_SKIP.some((skip) => frame.includes(skip))) ?? null;
}

const skipCache = new WeakMap<StackSpec, RegExp>();

function skipFor(spec: StackSpec): RegExp {
  let re = skipCache.get(spec);
  if (!re) {
    re = skipRegExp([...FRAME_SKIP, ...(spec.skip ?? [])]);
    skipCache.set(spec, re);
  }
  return re;
}

function pick(spec: StackSpec, candidates: readonly string[]): string | null {
  if (candidates.length === 0) return null;
  const stripped = candidates.map(stripSyscallPrefix);
  if (spec.extractor === "stall") return stallFrame(stripped);
  if (spec.extractor === "hang") return hangFrame(stripped);
  return stripped[0] ?? null;
}

function walk(spec: StackSpec, parts: readonly StackPart[], lines: readonly string[]): ExtractedFrames {
  const skip = skipFor(spec);
  const frames: (string | null)[] = [];
  let candidates: string[] = [];
  let ok = true;
  let stacks = 0;
  let pos = 0;
  const collect = (match: RegExpExecArray | null): void => {
    // Without an extractor only the first candidate counts; long stacks need no more tests.
    if (!match || (!spec.extractor && candidates.length > 0)) return;
    for (const name of match.slice(1)) {
      if (name !== undefined && !skip.test(name)) candidates.push(name);
    }
  };
  const finish = (): void => {
    const frame = pick(spec, candidates) || null;
    if (frame === null) ok = false;
    frames.push(frame);
    candidates = [];
  };
  for (let part = 0; part < parts.length; part++) {
    const current = parts[part];
    if (current === STACK) {
      if (stacks++ > 0) finish();
      const next = parts[part + 1];
      while (pos < lines.length) {
        const line = lines[pos++] ?? "";
        if (CORRUPTED_FRAME_LINE.test(line)) {
          ok = false;
          break;
        }
        if (matchesAny(line, STACK_START)) break;
        // The part after a stack (e.g. "Uninit was created at:") also ends it.
        if (next !== undefined && next !== STACK) {
          const match = next.exec(line);
          if (match) {
            collect(match);
            part++;
            break;
          }
        }
        let frame: RegExpExecArray | null = null;
        for (const re of FRAME_LINE) {
          frame = re.exec(line);
          if (frame) break;
        }
        collect(frame);
      }
    } else {
      while (pos < lines.length) {
        const line = lines[pos++] ?? "";
        if (CORRUPTED_FRAME_LINE.test(line)) {
          ok = false;
          break;
        }
        const match = current?.exec(line) ?? null;
        if (match) {
          collect(match);
          break;
        }
      }
    }
  }
  finish();
  return { frames, ok };
}

/**
 * Extracts the title frames from report lines that start at the title match. The second set of
 * parts is tried when the first finds no frame.
 */
export function extractFrames(spec: StackSpec, lines: readonly string[]): ExtractedFrames {
  const first = walk(spec, spec.parts, lines);
  if (first.ok || !spec.parts2) return first;
  return walk(spec, spec.parts2, lines);
}
