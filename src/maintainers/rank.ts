import type { SectionMatch } from "./match.js";
import { subsystemName } from "./subsystem-name.js";

/** One file of a diffstat. */
export interface ChangedFile {
  readonly path: string;
  readonly lines: number;
}

export interface RankedSubsystem {
  readonly name: string;
  readonly lines: number;
}

/**
 * The subsystem names a path belongs to most specifically: those of its best-scoring
 * non-catch-all sections (every section tied at that score counts), or of its best catch-all
 * sections when nothing else matches. In section order, without repeats.
 */
export function subsystemsOf(matches: readonly SectionMatch[]): string[] {
  const specific = matches.filter((match) => !subsystemName(match.section).catchAll);
  const candidates = specific.length > 0 ? specific : matches;
  const best = candidates[0]?.score;
  const names = candidates.filter((match) => match.score === best).map((match) => subsystemName(match.section).name);
  return [...new Set(names)];
}

/**
 * Ranks subsystems for a change: each file's lines go to every name {@link subsystemsOf}
 * gives it; names are sorted by lines, most first, ties by first appearance.
 *
 * LIBRARY CODE (lib/*) lists only lkml, so it counts as catch-all: lib/percpu-refcount.c ties
 * it with PER-CPU MEMORY ALLOCATOR and goes to `mm` alone, as syzbot's list has it.
 */
export function rankSubsystems(
  maintainers: { match(path: string): readonly SectionMatch[] },
  files: readonly ChangedFile[],
): RankedSubsystem[] {
  const lines = new Map<string, number>();
  for (const file of files) {
    for (const name of subsystemsOf(maintainers.match(file.path))) {
      lines.set(name, (lines.get(name) ?? 0) + file.lines);
    }
  }
  // Array.prototype.sort is stable, so equal totals keep their first-appearance order.
  return [...lines].map(([name, total]) => ({ name, lines: total })).sort((a, b) => b.lines - a.lines);
}
