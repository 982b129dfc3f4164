/**
 * Text from a log or an issue echoed into the app's comment must not mention
 * anyone, link anywhere, reference issues or inject Markdown/HTML.
 */
const ZWSP = "\u200b";
// Echoed text never starts a line in the comment, so line-start syntax (lists, headings) needs no escape.
const MARKDOWN_PUNCTUATION = /[\\`*_[\]#!|<>~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** HTML comment openers never survive, not even inside code: they look like the app's hidden lines. */
function defuseComments(text: string): string {
  return text.replaceAll("<!--", `<!${ZWSP}--`);
}

function clip(text: string, max: number): string {
  const flat = defuseComments(text.replace(CONTROL, "").replace(/\s+/g, " ").trim());
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Inline Markdown text: formatting escaped, `@` and `#123` and URLs defused. */
export function inline(text: string, max = 300): string {
  return clip(text, max)
    .replace(/&/g, "&amp;")
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
    .replace(/@/g, `@${ZWSP}`)
    .replace(/(\\#)(?=\d)/g, `$1${ZWSP}`)
    // GitHub links GH-123 to an issue too.
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
    .replace(/(https?|ftp|file|javascript|data|mailto):/gi, `$1${ZWSP}:`)
    .replace(/www\./gi, `www${ZWSP}.`);
}

/** A code span: nothing inside is Markdown, HTML, a mention or a link (the comment has no tables, so `|` needs no escape). */
export function code(text: string, max = 300): string {
  const body = clip(text, max);
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  const pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced block for multi-line text (crash excerpts), with a fence longer than any inside. */
export function codeBlock(text: string, maxLines = 40, maxLineLength = 300): string {
  const lines = defuseComments(text.replace(CONTROL, ""))
    .split("\n")
    .slice(0, maxLines)
    .map((line) => (line.length > maxLineLength ? `${line.slice(0, maxLineLength - 1)}…` : line));
  let longest = 2;
  for (const line of lines) for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  return `${fence}\n${lines.join("\n")}\n${fence}`;
}
