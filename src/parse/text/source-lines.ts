import { decodeMail } from "./mail.js";
import { stripResidue } from "./residue.js";

/**
 * Turns text as people paste it (Markdown fences, `<details>`, `>` quotes at any
 * depth, CRLF or stray CR, raw email bodies, terminal colours) into plain lines,
 * each tagged with the block it came from so a log never runs past the fence or
 * quote it was pasted in.
 */
export interface SourceLine {
  /** The line without quote markers, fence indentation or structural HTML tags. */
  text: string;
  /** 1-based line number in the original text. */
  line: number;
  /** Lines of one fence, one quote level or one stretch of plain text share a block id. */
  block: number;
  /** `>` quote depth: 0 for text as written, 1 for a quoted message, 2 for a quote inside it... */
  depth: number;
  /** Index (in the array of lines) just after the last line of this line's block. */
  blockEnd: number;
}

/** Tags that only structure a GitHub comment; a line of nothing but these carries no text. */
// Only the tags people wrap logs in: kernel output itself can hold HTML (an error page in a run line).
const STRUCTURAL_TAG = /^<\/?(?:details|summary|pre|code)(?:\s[^<>]{0,200})?>/i;

/** A first character that cannot begin a quote marker, a fence, an indented marker or a tag. */
const PLAIN_START = /^[A-Za-z0-9_#[(:=*+\-/.,'"$!]/;

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Removes `>` quote markers (`> > x`, `>> x`, ` > x`) and returns the depth. */
function unquote(line: string): { text: string; depth: number } {
  let depth = 0;
  let i = 0;
  for (;;) {
    let j = i;
    while (j < line.length && j - i < 3 && line[j] === " ") j++;
    if (line[j] !== ">") break;
    depth++;
    i = j + 1;
    if (line[i] === " ") i++;
  }
  return { text: i === 0 ? line : line.slice(i), depth };
}

const CLOSING_TAGS = ["</details>", "</pre>", "</code>", "</summary>"];

/** Removes closing tags (and the blanks between them) from the end of a line, scanning backwards: linear. */
function stripClosingTags(text: string): string {
  let end = text.length;
  for (;;) {
    while (end > 0 && /\s/.test(text[end - 1] ?? "")) end--;
    const tag = CLOSING_TAGS.find((t) => end >= t.length && text.slice(end - t.length, end).toLowerCase() === t);
    if (!tag) break;
    end -= tag.length;
  }
  return text.slice(0, end);
}

/** Strips leading structural tags; the rest of the line (if any) is content. */
function stripStructuralTags(line: string): { text: string; hadTag: boolean } {
  let text = line.trimStart();
  let hadTag = false;
  for (let guard = 0; guard < 8; guard++) {
    if (text[0] !== "<") break;
    if (/^<summary[\s>]/i.test(text)) {
      // A summary is a caption, not log text.
      const end = text.toLowerCase().indexOf("</summary>");
      text = end < 0 ? "" : text.slice(end + "</summary>".length).trimStart();
      hadTag = true;
      continue;
    }
    const m = STRUCTURAL_TAG.exec(text);
    if (!m) break;
    text = text.slice(m[0].length).trimStart();
    hadTag = true;
  }
  // Closing tags at the end of a content line (`...</pre>`) are markup too.
  if (hadTag) text = stripClosingTags(text);
  return { text: hadTag ? text : line, hadTag };
}

interface Fence {
  marker: string;
  length: number;
  indent: number;
  depth: number;
}

function fenceOpening(text: string): { marker: string; length: number; indent: number } | null {
  let indent = 0;
  while (indent < text.length && indent < 4 && text[indent] === " ") indent++;
  if (indent > 3) return null;
  const marker = text[indent];
  if (marker !== "`" && marker !== "~") return null;
  let end = indent;
  while (text[end] === marker) end++;
  const length = end - indent;
  if (length < 3) return null;
  // A backtick fence's info string may not contain backticks (CommonMark).
  if (marker === "`" && text.indexOf("`", end) >= 0) return null;
  return { marker, length, indent };
}

function closesFence(text: string, fence: Fence): boolean {
  const t = text.trim();
  if (t.length < fence.length || t[0] !== fence.marker) return false;
  for (const c of t) if (c !== fence.marker) return false;
  return true;
}

function dropIndent(text: string, indent: number): string {
  let i = 0;
  while (i < indent && text[i] === " ") i++;
  return text.slice(i);
}

export function toSourceLines(input: string): SourceLine[] {
  const out: SourceLine[] = [];
  let block = 0;
  let fence: Fence | null = null;
  let lastDepth = 0;
  const raw = splitLines(input);
  const decoded = decodeMail(input, raw);
  const count = decoded ? decoded.length : raw.length;
  for (let n = 0; n < count; n++) {
    const line = stripResidue(decoded ? (decoded[n]?.text ?? "") : (raw[n] ?? ""));
    const number = decoded ? (decoded[n]?.line ?? n + 1) : n + 1;
    // Most lines start with a letter or a digit: no quote, fence or tag to look for.
    if (lastDepth === 0 && !fence && PLAIN_START.test(line)) {
      out.push({ text: line, line: number, block, depth: 0, blockEnd: 0 });
      continue;
    }
    const { text: unquoted, depth } = unquote(line);
    if (fence) {
      const closed = closesFence(unquoted, fence);
      if (closed || depth < fence.depth) {
        // A fence also ends where its quote ends (CommonMark container rules).
        fence = null;
        block++;
        lastDepth = depth;
        if (closed) continue;
      } else {
        out.push({ text: dropIndent(unquoted, fence.indent), line: number, block, depth, blockEnd: 0 });
        continue;
      }
    }
    if (depth !== lastDepth) {
      block++;
      lastDepth = depth;
    }
    const opening = fenceOpening(unquoted);
    if (opening) {
      fence = { ...opening, depth };
      block++;
      continue;
    }
    const { text, hadTag } = stripStructuralTags(unquoted);
    if (hadTag) {
      // <details> and friends start a new block: a log inside one ends with it.
      block++;
      if (text === "") continue;
    }
    out.push({ text, line: number, block, depth, blockEnd: 0 });
  }
  // Parsers stop at the end of a block; knowing it up front keeps them linear.
  for (let i = out.length - 1, end = out.length; i >= 0; i--) {
    const line = out[i] as SourceLine;
    if (out[i + 1] && out[i + 1]?.block !== line.block) end = i + 1;
    line.blockEnd = end;
  }
  return out;
}
