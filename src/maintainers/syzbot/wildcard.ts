const REGEX_SPECIAL = /[\\.+*?()|[\]{}^$]/g;

/**
 * An F: or X: wildcard the way syzkaller's wildcardToRegexp reads it, which is not
 * get_maintainer.pl's way: the rest of the text is literal, `*` stays within one directory
 * (`[^/]*`), `?` is any character, a trailing `/*` covers the whole subtree (`fs/*` is all
 * of fs/, so old filesystems listed as `F: fs/sysv/*` own their subdirectories), and a
 * pattern without a trailing `/` also covers the directory of that name (`(?:/|$)`).
 */
export class Wildcard {
  /** The text before the first `*` or `?`: every path it matches starts with it. */
  readonly prefix: string;
  /** syzkaller's regexp for it, as its generated list prints it. */
  readonly regexp: string;
  private readonly subtree: boolean;
  /** null for a wildcard without `*` or `?`, matched as text. */
  private readonly regex: RegExp | null;
  /** The longest literal piece after the prefix: a path without it cannot match, and includes() is cheaper than the regexp. */
  private readonly required: string;

  constructor(wildcard: string) {
    const text = wildcard.endsWith("/*") ? wildcard.slice(0, -1) : wildcard;
    const special = text.search(/[*?]/);
    this.prefix = special === -1 ? text : text.slice(0, special);
    this.subtree = text.endsWith("/");
    const body = text.replace(REGEX_SPECIAL, (char) => (char === "*" ? "[^/]*" : char === "?" ? "." : `\\${char}`));
    this.regexp = `^${body}${this.subtree ? "" : "(?:/|$)"}`;
    this.regex = special === -1 ? null : new RegExp(this.regexp);
    this.required = text
      .slice(this.prefix.length)
      .split(/[*?]/)
      .reduce((longest, piece) => (piece.length > longest.length ? piece : longest), "");
  }

  matches(path: string): boolean {
    if (this.regex !== null) return path.includes(this.required, this.prefix.length) && this.regex.test(path);
    if (!path.startsWith(this.prefix)) return false;
    return this.subtree || path.length === this.prefix.length || path[this.prefix.length] === "/";
  }
}
