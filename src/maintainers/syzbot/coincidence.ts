import type { PathMatcher } from "./path-matcher.js";
import { COUNTED_FILE, DROPPED_PATTERN } from "./tables.js";

/**
 * syzkaller's CoincidenceMatrix over a tree (path_coincidence.go): for every pair of
 * subsystems, how many of the tree's counted files (.c, .h and .S outside Documentation/,
 * scripts/, samples/ and tools/) both own; the diagonal is each one's own file count.
 */
export class Coincidence {
  private readonly cells: Int32Array;

  constructor(
    readonly size: number,
    matcher: PathMatcher,
    files: readonly string[],
  ) {
    this.cells = new Int32Array(size * size);
    for (const file of files) {
      if (!COUNTED_FILE.test(file) || DROPPED_PATTERN.test(file)) continue;
      const owners = matcher.match(file);
      for (const a of owners) for (const b of owners) this.cells[a * size + b]! += 1;
    }
  }

  /** Files both own (a's own count when a === b). */
  common(a: number, b: number): number {
    return this.cells[a * this.size + b] as number;
  }

  count(a: number): number {
    return this.common(a, a);
  }
}
