import { isPerlSpace } from "./perl-text.js";

// Escapes that mean the same in Perl and in a JavaScript RegExp without the `u` flag.
const SHARED_ESCAPES = new Set("dDwWsSbBntrf0123456789");

// What the loop below would change or reject; most patterns have none of it.
const NEEDS_REWRITE = /\\(?:[A-Za-z0-9]|$)|\[|\{,/;
const EXTENDED_SYNTAX = /[ \t\n\v\f\r#]/;

function isAsciiAlphanumeric(char: string): boolean {
  return /^[A-Za-z0-9]$/.test(char);
}

function isHexDigit(char: string | undefined): boolean {
  return char !== undefined && /^[0-9A-Fa-f]$/.test(char);
}

/**
 * Rewrites a Perl regex as JavaScript RegExp source, or returns undefined when it uses Perl
 * syntax that JavaScript would read differently without an error (`\h`, `\Q`, POSIX classes,
 * `{,n}`, ...). With `extended` it applies Perl's /x: whitespace outside character classes is
 * dropped and `#` starts a comment. `\A`, `\z` and `\Z` become `^`/`$`, which is the same on
 * paths (they hold no newline). A leading `]` in a class is a literal in Perl but closes an
 * empty class in JavaScript, so it is escaped. Constructs JavaScript rejects outright are left
 * for the RegExp constructor to refuse. One pass over the source.
 */
export function translatePerlRegex(source: string, extended: boolean): string | undefined {
  if (!NEEDS_REWRITE.test(source) && !(extended && EXTENDED_SYNTAX.test(source))) return source;
  let out = "";
  let inClass = false;
  let atClassStart = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char === "\\") {
      const escaped = source[++i];
      if (escaped === undefined) return undefined;
      atClassStart = false;
      if (!isAsciiAlphanumeric(escaped) || SHARED_ESCAPES.has(escaped)) {
        out += "\\" + escaped;
      } else if (escaped === "x" && isHexDigit(source[i + 1]) && isHexDigit(source[i + 2])) {
        out += "\\x" + source.slice(i + 1, i + 3);
        i += 2;
      } else if (!inClass && escaped === "A") {
        out += "^";
      } else if (!inClass && (escaped === "z" || escaped === "Z")) {
        out += "$";
      } else {
        return undefined;
      }
      continue;
    }
    if (inClass) {
      if (char === "[" && ":=.".includes(source[i + 1] ?? "")) return undefined;
      if (char === "]") {
        out += atClassStart ? "\\]" : "]";
        inClass = atClassStart;
      } else {
        out += char;
      }
      atClassStart = false;
      continue;
    }
    if (extended && isPerlSpace(char)) continue;
    if (extended && char === "#") break;
    if (char === "{" && source[i + 1] === ",") return undefined;
    out += char;
    if (char === "[") {
      inClass = true;
      atClassStart = true;
      if (source[i + 1] === "^") out += source[++i];
    }
  }
  return inClass ? undefined : out;
}

/** Compiles a Perl regex for JavaScript; undefined when it cannot be translated or does not compile. */
export function compilePerlRegex(source: string, options: { extended: boolean; anchored: boolean }): RegExp | undefined {
  const translated = translatePerlRegex(source, options.extended);
  if (translated === undefined) return undefined;
  try {
    return new RegExp((options.anchored ? "^" : "") + translated);
  } catch {
    return undefined;
  }
}

const REGEX_SYNTAX = /[\\^$.|?*+()[\]{}]/;

/**
 * Whether text contains a match of a Perl regex (how N: lines are used), or undefined when the
 * regex is unusable. A regex with no syntax left after translation is a plain substring
 * search: most N: lines are bare words (`tegra`, `zstd`), and this spares compiling them.
 */
export function perlSearch(source: string, extended: boolean): ((text: string) => boolean) | undefined {
  const translated = translatePerlRegex(source, extended);
  if (translated !== undefined && !REGEX_SYNTAX.test(translated)) return (text) => text.includes(translated);
  const regex = compilePerlRegex(source, { extended, anchored: false });
  return regex && ((text) => regex.test(text));
}
