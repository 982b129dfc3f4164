import type { SectionMatch } from "./match.js";
import { subsystemName } from "./subsystem-name.js";

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
