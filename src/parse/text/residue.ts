/**
 * What a terminal or a mail gateway leaves in pasted text and a reader never sees: colour escape
 * sequences (the ESC byte, or its `^[` spelling when copied from a pager) and urldefense-wrapped
 * links (`https://urldefense.com/v3/__<link>__;<base64 of the replaced characters>!!<token>$`).
 */
const ESCAPE = /(?:\x1b|\^\[)(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z])/g;
const URLDEFENSE = /https:\/\/urldefense(?:\.proofpoint)?\.com\/v3\/__(\S+?)__;([A-Za-z0-9+/=]*)!![^\s$]*\$/g;
/** Longer lines are not mail text; the lazy link match stays linear below this. */
const MAX_UNWRAPPED_LINE = 4096;

/** urldefense replaces some characters of the link by `*` and lists them, base64-encoded, after `__;`. */
function unwrap(_match: string, link: string, replaced: string): string {
  let chars: string;
  try {
    chars = atob(replaced);
  } catch {
    return link;
  }
  let k = 0;
  return link.replace(/\*/g, (star) => chars[k++] ?? star);
}

export function stripResidue(text: string): string {
  let t = text;
  if (t.includes("\x1b") || t.includes("^[")) t = t.replace(ESCAPE, "");
  if (t.length <= MAX_UNWRAPPED_LINE && t.includes("urldefense")) t = t.replace(URLDEFENSE, unwrap);
  return t;
}
