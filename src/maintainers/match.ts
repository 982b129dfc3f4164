import { rememberListUse } from "./subsystem-name.js";
import type { Entry, MaintainersFile, PatternLine, Section } from "./parse.js";
import { countSlashes, FilePattern, literalPrefix } from "./pattern.js";
import { perlSearch } from "./perl-regex.js";

/** A section that claims a path, with get_maintainer.pl's score for it. */
export interface SectionMatch {
  readonly section: Section;
  readonly score: number;
}

export interface IndexOptions {
  /** get_maintainer.pl's `-d` on a repo-relative path, e.g. from dirs.txt; see directory.ts when absent. */
  readonly isDirectory?: (path: string) => boolean;
}

export interface MaintainersIndex {
  readonly sections: readonly Section[];
  /** The sections claiming a path, best score first, ties in file order (THE REST last, -1). */
  match(path: string): SectionMatch[];
  /** F:, X: and N: lines whose regex cannot be used here; they match nothing. Compiles every line. */
  unusableLines(): Entry[];
}

// No path is longer than PATH_MAX; refusing longer input bounds the regex work per path.
const PATH_MAX = 4096;

/**
 * F: or X: lines grouped by literal prefix. A path's candidates are the groups keyed by its
 * own prefixes, one map lookup per distinct prefix length, so a path meets the few lines that
 * share its leading text, not all ~9,700. Groups are chained through `next` to save an array
 * each, and a line's FilePattern is made when a path first meets it: start-up time counts for
 * the CLI, and one lookup meets only a few dozen lines.
 */
class PatternGroup {
  private readonly first = new Map<string, number>();
  private readonly next: Int32Array;
  private readonly lengths: number[];
  private readonly patterns: (FilePattern | undefined)[] = [];

  constructor(
    readonly lines: readonly PatternLine[],
    private readonly isDirectory: IndexOptions["isDirectory"],
  ) {
    this.next = new Int32Array(lines.length);
    const lengths = new Set<number>();
    for (let i = lines.length - 1; i >= 0; i--) {
      const prefix = literalPrefix((lines[i] as PatternLine).value);
      this.next[i] = this.first.get(prefix) ?? -1;
      this.first.set(prefix, i);
      lengths.add(prefix.length);
    }
    this.lengths = [...lengths].sort((a, b) => a - b);
  }

  /** Indexes of the lines whose prefix starts `path`. */
  candidates(path: string): number[] {
    const found: number[] = [];
    for (const length of this.lengths) {
      if (length > path.length) break;
      for (let i = this.first.get(path.slice(0, length)) ?? -1; i !== -1; i = this.next[i] as number) found.push(i);
    }
    return found;
  }

  pattern(i: number): FilePattern {
    return (this.patterns[i] ??= new FilePattern((this.lines[i] as PatternLine).value, this.isDirectory));
  }
}

/**
 * Prepares every F:, X: and N: line once. Matching a path then follows get_maintainer.pl:
 * a section with a matching X: line is skipped whole (its N: lines too); otherwise the last
 * matching F:/N: line in file order sets its score (F: from the pattern, N: 0).
 */
export function buildIndex(file: MaintainersFile, options: IndexOptions = {}): MaintainersIndex {
  rememberListUse(file);
  const byTag = { F: [] as PatternLine[], X: [] as PatternLine[], N: [] as PatternLine[] };
  for (const line of file.patterns) byTag[line.tag as keyof typeof byTag].push(line);
  const includes = new PatternGroup(byTag.F, options.isDirectory);
  const excludes = new PatternGroup(byTag.X, options.isDirectory);
  const regexLines = byTag.N;
  const searches = regexLines.map((line) => perlSearch(line.value, true));

  function match(path: string): SectionMatch[] {
    if (path.length > PATH_MAX) return [];
    const slashes = countSlashes(path);
    const excluded = new Set<Section>();
    for (const i of excludes.candidates(path)) {
      if (excludes.pattern(i).matches(path, slashes)) excluded.add((excludes.lines[i] as PatternLine).section);
    }
    const lastMatch = new Map<Section, { line: number; score: number }>();
    const record = (line: PatternLine, score: number) => {
      const previous = lastMatch.get(line.section);
      if (previous === undefined || previous.line < line.line) lastMatch.set(line.section, { line: line.line, score });
    };
    for (const i of includes.candidates(path)) {
      const line = includes.lines[i] as PatternLine;
      if (excluded.has(line.section)) continue;
      const pattern = includes.pattern(i);
      if (pattern.matches(path, slashes)) record(line, pattern.score);
    }
    regexLines.forEach((line, i) => {
      if (!excluded.has(line.section) && searches[i]?.(path)) record(line, 0);
    });
    return [...lastMatch]
      .map(([section, { score }]) => ({ section, score }))
      .sort((a, b) => b.score - a.score || a.section.index - b.section.index);
  }

  function unusableLines(): Entry[] {
    const unusableFiles = (group: PatternGroup) => group.lines.filter((_, i) => !group.pattern(i).isUsable());
    return [...unusableFiles(includes), ...unusableFiles(excludes), ...regexLines.filter((_, i) => searches[i] === undefined)]
      .sort((a, b) => a.line - b.line);
  }

  return { sections: file.sections, match, unusableLines };
}
