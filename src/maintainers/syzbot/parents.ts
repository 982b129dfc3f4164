import type { Coincidence } from "./coincidence.js";
import { SMALL_SUBSYSTEM_FILES } from "./tables.js";

/** Subsystems by index: which survive, and each one's parents (indexes of survivors). */
export interface Hierarchy {
  readonly kept: readonly number[];
  readonly parents: number[][];
}

type Counts = Pick<Coincidence, "size" | "common" | "count">;

const indexesOf = (counts: Counts) => Array.from({ length: counts.size }, (_, i) => i);

/** dropSmallSubsystems: owning SMALL_SUBSYSTEM_FILES files or fewer. */
export function smallSubsystems(counts: Counts): Set<number> {
  return new Set(indexesOf(counts).filter((i) => counts.count(i) <= SMALL_SUBSYSTEM_FILES));
}

/**
 * dropDuplicateSubsystems: one whose files all belong to another goes when they are the
 * same files (the one whose first list sorts first stays; equal lists lose both, as in
 * syzkaller) or when it holds at least 75% of the other's. Over every pair, the small ones too.
 */
export function duplicateSubsystems(counts: Counts, firstLists: readonly string[]): Set<number> {
  const dropped = new Set<number>();
  for (const a of indexesOf(counts)) {
    for (const b of indexesOf(counts)) {
      const common = counts.common(a, b);
      if (a === b || common === 0 || common !== counts.count(a)) continue;
      const same = common === counts.count(b);
      if (same ? !((firstLists[a] as string) < (firstLists[b] as string)) : 4 * common >= 3 * counts.count(b)) dropped.add(a);
    }
  }
  return dropped;
}

/** setParents: A is B's child when at least half of A's files are B's and B has more; then reduced. */
export function inferParents(counts: Counts, kept: readonly number[]): number[][] {
  const parents: number[][] = indexesOf(counts).map(() => []);
  for (const a of kept) {
    for (const b of kept) {
      const common = counts.common(a, b);
      if (a !== b && common > 0 && 2 * common >= counts.count(a) && counts.count(a) < counts.count(b)) parents[a]!.push(b);
    }
  }
  reduceParents(parents);
  return parents;
}

/**
 * syzkaller's parentTransformations (parents.go) from the tree's file counts: small and
 * duplicate subsystems dropped, parents inferred among the rest.
 * `firstLists[i]` is subsystem i's first list, "" for none.
 */
export function inferHierarchy(counts: Counts, firstLists: readonly string[]): Hierarchy {
  const dropped = new Set([...smallSubsystems(counts), ...duplicateSubsystems(counts, firstLists)]);
  const kept = indexesOf(counts).filter((i) => !dropped.has(i));
  return { kept, parents: inferParents(counts, kept) };
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
