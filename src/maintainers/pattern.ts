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
 * The text every path matching a glob starts with (`complete` when that is the whole glob).
 * A `+` or `{` quantifies the character before it, which is then dropped. An alternation can
 * escape the `^` anchor, so any `|` makes the prefix empty.
 */
export function literalPrefix(glob: string): { prefix: string; complete: boolean } {
  const stop = glob.search(NOT_LITERAL);
  if (stop === -1) return { prefix: glob, complete: true };
  if (glob.includes("|")) return { prefix: "", complete: false };
  const quantified = glob[stop] === "+" || glob[stop] === "{";
  return { prefix: glob.slice(0, quantified ? stop - 1 : stop), complete: false };
}

// What the first test of a pattern works out; see FilePattern.
interface Rule {
  readonly score: number;
  readonly slashes: number;
  readonly anyDepth: boolean;
  /** undefined: a plain path that may or may not be a directory. */
  readonly directory: boolean | undefined;
  /** The text a path must start with when the pattern has no regex syntax. */
  readonly literal: string | undefined;
}

function ruleOf(glob: string, isDirectory: ((path: string) => boolean) | undefined): Rule {
  // `-d` sees `\.` and `.*` for dots and stars: no directory name holds a backslash or a star.
  let directory: boolean | undefined = false;
  if (!glob.endsWith("/") && !glob.includes(".") && !glob.includes("*")) {
    if (isDirectory) directory = isDirectory(glob.replaceAll("?", "."));
    else if (!NOT_LITERAL.test(glob)) directory = undefined;
  }
  const endsWithSlash = directory === true || glob.endsWith("/");
  const slashes = countSlashes(glob) + (directory === true ? 1 : 0);
  const { prefix, complete } = literalPrefix(directory === true ? glob + "/" : glob);
  return {
    score: glob.startsWith("*") ? -1 : slashes + (endsWithSlash ? 0 : 1),
    slashes,
    anyDepth: endsWithSlash || glob.includes("**"),
    directory,
    literal: complete ? prefix : undefined,
  };
}

/**
 * An F: or X: line, ready to test paths. `isDirectory` answers get_maintainer.pl's `-d` on the
 * converted text (e.g. from dirs.txt); without it a plain path is settled by the path being
 * matched (see directory.ts). Only the prefix is worked out up front: the rest, and the regex,
 * on first use, because a lookup touches a few hundred of the ~9,700 lines and start-up time
 * counts for the CLI. Score and depth come from the glob itself, since the conversion adds no `/`.
 *
 * Matching is the script's file_match_pattern: `^regex` must match (there is no end anchor),
 * and unless the regex ends with `/` the path must have as many `/`, or the glob used `**`.
 */
export class FilePattern {
  /** Every matching path starts with this. */
  readonly prefix: string;
  private rule: Rule | undefined;
  private regex: RegExp | null | undefined;

  constructor(
    private readonly glob: string,
    private readonly isDirectory?: (path: string) => boolean,
  ) {
    this.prefix = literalPrefix(glob).prefix;
  }

  /** F: score: slashes, +1 without a trailing slash; -1 for a leading `*` or `**`. */
  get score(): number {
    return this.ruled().score;
  }

  /** Tests a repo-relative path; `pathSlashes` is its number of `/`. */
  matches(path: string, pathSlashes: number): boolean {
    const rule = this.ruled();
    if (rule.directory === undefined) return this.matchesPlainPath(path, pathSlashes, rule);
    if (!rule.anyDepth && pathSlashes !== rule.slashes) return false;
    if (rule.literal !== undefined) return path.startsWith(rule.literal);
    return this.compiled()?.test(path) === true;
  }

  /** False when the converted regex cannot be compiled here; the line then matches nothing. */
  isUsable(): boolean {
    const rule = this.ruled();
    return rule.literal !== undefined || this.compiled() !== null;
  }

  private ruled(): Rule {
    this.rule ??= ruleOf(this.glob, this.isDirectory);
    return this.rule;
  }

  // Below P/ proves P a directory, P itself proves it a file; next to P, directory.ts guesses.
  private matchesPlainPath(path: string, pathSlashes: number, rule: Rule): boolean {
    const glob = this.glob;
    if (!path.startsWith(glob)) return false;
    if (path[glob.length] === "/") return true;
    return pathSlashes === rule.slashes && (path.length === glob.length || extendsFileName(glob, path));
  }

  private compiled(): RegExp | null {
    if (this.regex === undefined) {
      const regex = globToPerlRegex(this.glob) + (this.ruled().directory ? "/" : "");
      this.regex = compilePerlRegex(regex, { extended: false, anchored: true }) ?? null;
    }
    return this.regex;
  }
}
