import type { Entry, MaintainersFile, PatternLine, Section } from "./parse.js";
import { countSlashes, FilePattern } from "./pattern.js";
import { compilePerlRegex } from "./perl-regex.js";

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
 * share its leading text, not all ~9,700. Groups are chained through `next` to save an array each.
 */
class PrefixTable {
  private readonly first = new Map<string, number>();
  private readonly next: Int32Array;
  private readonly lengths: number[];

  constructor(readonly patterns: readonly FilePattern[]) {
    this.next = new Int32Array(patterns.length);
    const lengths = new Set<number>();
    for (let i = patterns.length - 1; i >= 0; i--) {
      const { prefix } = patterns[i] as FilePattern;
      this.next[i] = this.first.get(prefix) ?? -1;
      this.first.set(prefix, i);
      lengths.add(prefix.length);
    }
    this.lengths = [...lengths].sort((a, b) => a - b);
  }

  /** Indexes of the patterns whose prefix starts `path`. */
  candidates(path: string): number[] {
    const found: number[] = [];
    for (const length of this.lengths) {
      if (length > path.length) break;
      for (let i = this.first.get(path.slice(0, length)) ?? -1; i !== -1; i = this.next[i] as number) found.push(i);
    }
    return found;
  }
}

function filePatterns(lines: readonly PatternLine[], isDirectory: IndexOptions["isDirectory"]) {
  const patterns = lines.map((line) => new FilePattern(line.value, isDirectory));
  return { lines, patterns, table: new PrefixTable(patterns) };
}

/**
 * Prepares every F:, X: and N: line once. Matching a path then follows get_maintainer.pl:
 * a section with a matching X: line is skipped whole (its N: lines too); otherwise the last
 * matching F:/N: line in file order sets its score (F: from the pattern, N: 0).
 */
export function buildIndex(file: MaintainersFile, options: IndexOptions = {}): MaintainersIndex {
  const includes = filePatterns(file.patterns.filter((line) => line.tag === "F"), options.isDirectory);
  const excludes = filePatterns(file.patterns.filter((line) => line.tag === "X"), options.isDirectory);
  const regexLines = file.patterns.filter((line) => line.tag === "N");
  const regexes = regexLines.map((line) => compilePerlRegex(line.value, { extended: true, anchored: false }));

  function match(path: string): SectionMatch[] {
    if (path.length > PATH_MAX) return [];
    const slashes = countSlashes(path);
    const excluded = new Set<Section>();
    for (const i of excludes.table.candidates(path)) {
      if ((excludes.patterns[i] as FilePattern).matches(path, slashes)) excluded.add((excludes.lines[i] as PatternLine).section);
    }
    const lastMatch = new Map<Section, { line: number; score: number }>();
    const record = (line: PatternLine, score: number) => {
      const previous = lastMatch.get(line.section);
      if (previous === undefined || previous.line < line.line) lastMatch.set(line.section, { line: line.line, score });
    };
    for (const i of includes.table.candidates(path)) {
      const line = includes.lines[i] as PatternLine;
      const pattern = includes.patterns[i] as FilePattern;
      if (!excluded.has(line.section) && pattern.matches(path, slashes)) record(line, pattern.score);
    }
    regexLines.forEach((line, i) => {
      if (!excluded.has(line.section) && regexes[i]?.test(path)) record(line, 0);
    });
    return [...lastMatch]
      .map(([section, { score }]) => ({ section, score }))
      .sort((a, b) => b.score - a.score || a.section.index - b.section.index);
  }

  function unusableLines(): Entry[] {
    const unusableFiles = (group: typeof includes) => group.lines.filter((_, i) => !(group.patterns[i] as FilePattern).isUsable());
    return [...unusableFiles(includes), ...unusableFiles(excludes), ...regexLines.filter((_, i) => regexes[i] === undefined)]
      .sort((a, b) => a.line - b.line);
  }

  return { sections: file.sections, match, unusableLines };
}
