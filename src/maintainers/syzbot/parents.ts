import type { Coincidence } from "./coincidence.js";
import { SMALL_SUBSYSTEM_FILES } from "./tables.js";

/** Subsystems by index: which survive, and each one's parents (indexes of survivors). */
export interface Hierarchy {
  readonly kept: readonly number[];
  readonly parents: number[][];
}

/**
 * syzkaller's parentTransformations (parents.go), from the tree's file counts:
 * - a subsystem owning SMALL_SUBSYSTEM_FILES files or fewer is dropped;
 * - one whose files all belong to another is dropped when they are the same files (the one
 *   whose first list sorts first stays; equal lists drop both, as in syzkaller) or when it
 *   holds at least 75% of the other's;
 * - A is B's child when at least half of A's files are B's and B has more;
 * then each keeps only the parents not reachable through another (transitive reduction).
 * `firstLists[i]` is subsystem i's first list, "" for none.
 */
export function inferHierarchy(coincidence: Coincidence, firstLists: readonly string[]): Hierarchy {
  const { size } = coincidence;
  const indexes = Array.from({ length: size }, (_, i) => i);
  const dropped = new Set(indexes.filter((i) => coincidence.count(i) <= SMALL_SUBSYSTEM_FILES));
  // Over every pair of the matrix, the small ones too, as syzkaller does.
  for (const a of indexes) {
    for (const b of indexes) {
      const common = coincidence.common(a, b);
      if (a === b || common === 0 || common !== coincidence.count(a)) continue;
      const whole = common === coincidence.count(b);
      if (whole ? !((firstLists[a] as string) < (firstLists[b] as string)) : 4 * common >= 3 * coincidence.count(b)) dropped.add(a);
    }
  }
  const kept = indexes.filter((i) => !dropped.has(i));
  const parents: number[][] = indexes.map(() => []);
  for (const a of kept) {
    for (const b of kept) {
      const common = coincidence.common(a, b);
      if (a !== b && common > 0 && 2 * common >= coincidence.count(a) && coincidence.count(a) < coincidence.count(b)) parents[a]!.push(b);
    }
  }
  reduceParents(parents);
  return { kept, parents };
}

/** Every subsystem reachable upwards from `start`, not counting itself. */
export function reachableParents(parents: readonly (readonly number[])[], start: number): Set<number> {
  const seen = new Set<number>();
  const stack = [...(parents[start] ?? [])];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(parents[next] ?? []));
  }
  return seen;
}

/** syzkaller's transitiveReduction: drops a parent that another parent already leads to. */
export function reduceParents(parents: number[][]): void {
  parents.forEach((own, child) => {
    const implied = new Set(own.flatMap((parent) => [...reachableParents(parents, parent)]));
    parents[child] = own.filter((parent) => !implied.has(parent));
  });
}
