import type { DiffstatEntry } from "../../parse/schema.js";
import type { SubsystemSource } from "./source.js";

export interface RankedSubsystem {
  name: string;
  /** Lines the change touched in files of this subsystem (a file without a count weighs 1). */
  lines: number;
  files: string[];
  source: string;
  /** The names this one lies within, from its source (syzbot's parents); a kept ancestor yields to it. */
  ancestors: string[];
}

/**
 * Subsystems of the files a change touched, ranked by the lines changed in
 * each, so a two-line fixup elsewhere ranks last. For each file the first
 * source with an opinion decides (rules before MAINTAINERS). Catch-all owners
 * count only when no file has a more specific one.
 */
export function rankSubsystems(files: Pick<DiffstatEntry, "path" | "lines">[], sources: SubsystemSource[]): RankedSubsystem[] {
  const specific = new Map<string, RankedSubsystem>();
  const catchAll = new Map<string, RankedSubsystem>();
  for (const file of files) {
    for (const source of sources) {
      const { names, catchAll: isCatchAll } = source.subsystemsFor(file.path);
      if (names.length === 0) continue;
      const into = isCatchAll ? catchAll : specific;
      for (const name of names) {
        const entry = into.get(name) ?? { name, lines: 0, files: [], source: source.name, ancestors: source.ancestors?.(name) ?? [] };
        entry.lines += file.lines ?? 1;
        entry.files.push(file.path);
        into.set(name, entry);
      }
      break;
    }
  }
  // Stable sort: equal weights keep the order of the files that introduced them.
  return [...(specific.size > 0 ? specific : catchAll).values()].sort((a, b) => b.lines - a.lines);
}

/**
 * The subsystems worth a label: the first, and any other with at least a third
 * of the changed lines (syzbot keeps subsystems with a third of the votes), less
 * those that are an ancestor of another kept one (syzbot's removeParents: ext4
 * and fs give ext4).
 */
export function significantSubsystems(ranked: RankedSubsystem[]): RankedSubsystem[] {
  const total = ranked.reduce((sum, s) => sum + s.lines, 0);
  const kept = ranked.filter((s, i) => i === 0 || s.lines * 3 >= total);
  const implied = new Set(kept.flatMap((s) => s.ancestors));
  return kept.filter((s) => !implied.has(s.name));
}
