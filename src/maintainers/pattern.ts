import { extendsFileName } from "./directory.js";
import { compilePerlRegex } from "./perl-regex.js";

/**
 * get_maintainer.pl's F:/X: glob conversion: `.` → `\.`, then `**` → `(?:.*)`, `*` → `.*`,
 * `?` → `.`. Everything else stays Perl regex syntax.
 */
export function globToPerlRegex(glob: string): string {
  return glob
    .replaceAll(".", "\\.")
    .split("**")
    .map((part) => part.replaceAll("*", ".*").replaceAll("?", "."))
    .join("(?:.*)");
}

export function countSlashes(text: string): number {
  let count = 0;
  for (let i = text.indexOf("/"); i !== -1; i = text.indexOf("/", i + 1)) count++;
  return count;
}

// Regex syntax get_maintainer.pl passes through, and the glob characters it rewrites except
// `.` (which becomes a literal `\.`).
const NOT_LITERAL = /[*?+()[\]{}|^$\\]/;

/**
 * The text every path matching a glob starts with; all of the glob when it has no regex
 * syntax. A `+` or `{` quantifies the character before it, which is then dropped. An
 * alternation can escape the `^` anchor, so any `|` makes the prefix empty.
 */
export function literalPrefix(glob: string): string {
  const stop = glob.search(NOT_LITERAL);
  if (stop === -1) return glob;
  if (glob.includes("|")) return "";
  return glob.slice(0, glob[stop] === "+" || glob[stop] === "{" ? stop - 1 : stop);
}

/**
 * An F: or X: line, ready to test paths. `isDirectory` answers get_maintainer.pl's `-d` on the
 * converted text (e.g. from dirs.txt); without it a plain path is settled by the path being
 * matched (see directory.ts). Score and depth come from the glob itself, since the conversion
 * adds no `/`; the regex is converted and compiled on first use.
 *
 * Matching is the script's file_match_pattern: `^regex` must match (there is no end anchor),
 * and unless the regex ends with `/` the path must have as many `/`, or the glob used `**`.
 */
export class FilePattern {
  /** F: score: slashes, +1 without a trailing slash; -1 for a leading `*` or `**`. */
  readonly score: number;
  private readonly slashes: number;
  private readonly anyDepth: boolean;
  /** undefined: a plain path that may or may not be a directory. */
  private readonly directory: boolean | undefined;
  /** The text a path must start with when the pattern has no regex syntax. */
  private readonly literal: string | undefined;
  private regex: RegExp | null | undefined;

  constructor(
    private readonly glob: string,
    isDirectory?: (path: string) => boolean,
  ) {
    // `-d` sees `\.` and `.*` for dots and stars: no directory name holds a backslash or a star.
    let directory: boolean | undefined = false;
    if (!glob.endsWith("/") && !glob.includes(".") && !glob.includes("*")) {
      if (isDirectory) directory = isDirectory(glob.replaceAll("?", "."));
      else if (!NOT_LITERAL.test(glob)) directory = undefined;
    }
    const endsWithSlash = directory === true || glob.endsWith("/");
    const withSlash = directory === true ? glob + "/" : glob;
    const prefix = literalPrefix(withSlash);
    this.directory = directory;
    this.slashes = countSlashes(withSlash);
    this.anyDepth = endsWithSlash || glob.includes("**");
    this.literal = prefix.length === withSlash.length ? prefix : undefined;
    this.score = glob.startsWith("*") ? -1 : this.slashes + (endsWithSlash ? 0 : 1);
  }

  /** Tests a repo-relative path; `pathSlashes` is its number of `/`. */
  matches(path: string, pathSlashes: number): boolean {
    if (this.directory === undefined) return this.matchesPlainPath(path, pathSlashes);
    if (!this.anyDepth && pathSlashes !== this.slashes) return false;
    if (this.literal !== undefined) return path.startsWith(this.literal);
    return this.compiled()?.test(path) === true;
  }

  /** False when the converted regex cannot be compiled here; the line then matches nothing. */
  isUsable(): boolean {
    return this.literal !== undefined || this.compiled() !== null;
  }

  // Below P/ proves P a directory, P itself proves it a file; next to P, directory.ts guesses.
  private matchesPlainPath(path: string, pathSlashes: number): boolean {
    const glob = this.glob;
    if (!path.startsWith(glob)) return false;
    if (path[glob.length] === "/") return true;
    return pathSlashes === this.slashes && (path.length === glob.length || extendsFileName(glob, path));
  }

  private compiled(): RegExp | null {
    if (this.regex === undefined) {
      const regex = globToPerlRegex(this.glob) + (this.directory ? "/" : "");
      this.regex = compilePerlRegex(regex, { extended: false, anchored: true }) ?? null;
    }
    return this.regex;
  }
}
