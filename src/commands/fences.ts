/**
 * Which lines of a Markdown text are inside fenced code blocks (CommonMark:
 * ``` or ~~~, three or more, indented at most three spaces; closed by a run of
 * the same character at least as long with nothing after it). An unclosed fence
 * runs to the end of the text, as GitHub renders it. Pasted emails sit in such
 * blocks, and nothing in them is a command.
 */
// With the s flag `.*` takes any rest of the line (even U+2028), so a match never backtracks.
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/s;

export class FenceTracker {
  #open: { char: string; length: number } | null = null;

  /** Feed lines in order; true when `line` is a fence or inside one. */
  covers(line: string): boolean {
    const fence = FENCE.exec(line);
    const run = fence?.[1] ?? "";
    const info = fence?.[2] ?? "";
    const char = run.charAt(0);
    if (this.#open === null) {
      // A backtick fence's info string cannot contain backticks (that line is inline code).
      if (fence === null || (char === "`" && info.includes("`"))) return false;
      this.#open = { char, length: run.length };
      return true;
    }
    if (fence !== null && char === this.#open.char && run.length >= this.#open.length && info.trim() === "") this.#open = null;
    return true;
  }
}
