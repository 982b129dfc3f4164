import type { DiffstatEntry } from "../../parse/schema.js";
import type { SubsystemSource } from "./source.js";

export interface RankedSubsystem {
  name: string;
  /** Lines the culprit changed in files of this subsystem (a file without a count weighs 1). */
  lines: number;
  files: string[];
  source: string;
}

/**
 * Subsystems of the files a commit changed, ranked by the lines changed in
 * each, so a two-line fixup elsewhere does not outrank the real change. For
 * each file the first source with an opinion decides (rules before MAINTAINERS).
 */
export function rankSubsystems(files: Pick<DiffstatEntry, "path" | "lines">[], sources: SubsystemSource[]): RankedSubsystem[] {
  const ranked = new Map<string, RankedSubsystem>();
  for (const file of files) {
    for (const source of sources) {
      const names = source.subsystemsFor(file.path);
      if (names.length === 0) continue;
      for (const name of names) {
        const entry = ranked.get(name) ?? { name, lines: 0, files: [], source: source.name };
        entry.lines += file.lines ?? 1;
        entry.files.push(file.path);
        ranked.set(name, entry);
      }
      break;
    }
  }
  // Stable sort: equal weights keep the order of the files that introduced them.
  return [...ranked.values()].sort((a, b) => b.lines - a.lines);
}
