/** One `X: value` line of a MAINTAINERS section. */
export interface Entry {
  /** One upper-case letter. The file documents M R L S W Q B C P T F X N K; other letters are kept too. */
  readonly tag: string;
  /** The rest of the line after the colon and any whitespace, otherwise verbatim. */
  readonly value: string;
  /** 1-based line number in the file. */
  readonly line: number;
}

/** A header line followed by its tag lines. */
export interface Section {
  /** Position in the file, 0-based; the tie-break between equal scores. */
  readonly index: number;
  /** The whole header line, e.g. `NETWORKING [GENERAL]`. */
  readonly name: string;
  /** 1-based line number of the header. */
  readonly line: number;
  readonly entries: readonly Entry[];
}

/** An F:, X: or N: line with the section it belongs to. */
export interface PatternLine extends Entry {
  readonly section: Section;
}

export interface MaintainersFile {
  readonly sections: readonly Section[];
  /** Every F:, X: and N: line in file order: matching needs all of them, the other tags wait. */
  readonly patterns: readonly PatternLine[];
  /** How many sections list each mailing list (lower-case address), for naming subsystems. */
  readonly listUse: ReadonlyMap<string, number>;
}

const NEWLINE = 10;
const COLON = 58;
const HASH = 35;
const CR = 13;

// Perl's \s on bytes: space, \t, \n, \v, \f, \r.
function isSpaceCode(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

function isTagAt(text: string, start: number): boolean {
  const letter = text.charCodeAt(start);
  return letter >= 65 && letter <= 90 && text.charCodeAt(start + 1) === COLON;
}

function skipSpaces(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

// A line is [start, end); a CR before the newline is not part of it, so CRLF files read the same.
function lineEnd(text: string, start: number): number {
  const newline = text.indexOf("\n", start);
  const end = newline === -1 ? text.length : newline;
  return end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
}

function nextLine(text: string, end: number): number {
  return text.charCodeAt(end) === NEWLINE ? end + 1 : end + 2;
}

// The tag lines of one section, read when first asked for: most sections are never looked at.
function readEntries(text: string, start: number, end: number, firstLine: number): Entry[] {
  const entries: Entry[] = [];
  for (let at = start, line = firstLine; at < end; line++) {
    const stop = lineEnd(text, at);
    if (isTagAt(text, at)) entries.push({ tag: text[at] as string, value: text.slice(skipSpaces(text, at + 2, stop), stop), line });
    at = nextLine(text, stop);
  }
  return entries;
}

class LazySection implements Section {
  private parsed: Entry[] | undefined;
  /** The tag lines are `text` from offset `start` (on line `startLine`) to `end`. */
  end: number;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly line: number,
    private readonly text: string,
    private readonly start: number,
    private readonly startLine: number,
  ) {
    this.end = text.length;
  }

  get entries(): readonly Entry[] {
    this.parsed ??= readEntries(this.text, this.start, this.end, this.startLine);
    return this.parsed;
  }
}

/**
 * Reads a MAINTAINERS file the way get_maintainer.pl does: a tag line is `^[A-Z]:`, blank lines
 * and `#` comments are dropped, any other line is a header, and a section is the run of tag
 * lines after the last header (a blank line does not end it). The preamble is headers
 * without tag lines, so it yields nothing. One pass with indexOf, allocating only headers and
 * F:/X:/N: lines, because the CLI pays for start-up on every run.
 */
export function parseMaintainers(text: string): MaintainersFile {
  const sections: LazySection[] = [];
  const patterns: PatternLine[] = [];
  const listUse = new Map<string, number>();
  let header = { start: 0, end: 0, line: 0 };
  let current: LazySection | undefined;
  for (let start = 0, line = 1; start < text.length; line++) {
    const end = lineEnd(text, start);
    if (isTagAt(text, start)) {
      // Tag lines before any header get an empty name and line 0 (the script would misuse the first tag line).
      if (current === undefined) {
        current = new LazySection(sections.length, text.slice(header.start, header.end), header.line, text, start, line);
        sections.push(current);
      }
      const tag = text[start] as string;
      if (tag === "F" || tag === "X" || tag === "N") {
        patterns.push({ tag, value: text.slice(skipSpaces(text, start + 2, end), end), line, section: current });
      } else if (tag === "L") {
        const from = skipSpaces(text, start + 2, end);
        let to = from;
        while (to < end && !isSpaceCode(text.charCodeAt(to))) to++;
        const list = text.slice(from, to).toLowerCase();
        listUse.set(list, (listUse.get(list) ?? 0) + 1);
      }
    } else {
      const first = skipSpaces(text, start, end);
      if (first < end && text.charCodeAt(first) !== HASH) {
        if (current !== undefined) current.end = start;
        current = undefined;
        header = { start, end, line };
      }
    }
    start = nextLine(text, end);
  }
  return { sections, patterns, listUse };
}

/** The values of one tag in a section, in file order. */
export function valuesOf(section: Section, tag: string): string[] {
  return section.entries.filter((entry) => entry.tag === tag).map((entry) => entry.value);
}
