import { isPerlSpace, trimPerlSpace } from "./perl-text.js";

/** A name and address as get_maintainer.pl splits them; the name is quoted when it must be. */
export interface NameAndAddress {
  readonly name: string;
  readonly address: string;
}

// escape_name: a name with anything but ASCII word characters, spaces and `-` is quoted.
function escapeName(name: string): string {
  if (!/[^\w \-]/.test(name)) return name;
  return `"${name.replace(/(?<!\\)"/g, '\\"')}"`;
}

// Trimmed, one leading and one trailing quote removed (`s/^\"|\"$//g`), then escaped.
function cleanName(name: string): string {
  let cleaned = trimPerlSpace(name);
  if (cleaned.startsWith('"')) cleaned = cleaned.slice(1);
  if (cleaned.endsWith('"')) cleaned = cleaned.slice(0, -1);
  return escapeName(cleaned);
}

// `^\s*<(.+\@\S*)>.*$`: the rightmost `@` (with a character between it and the `<`) whose run of non-blank
// characters goes on to a `>`; the address ends at the last `>` of that run. One right-to-left pass.
function bracketedAddress(text: string): string | undefined {
  let open = 0;
  while (isPerlSpace(text[open])) open++;
  if (text[open] !== "<") return undefined;
  let closeInRun = -1;
  for (let i = text.length - 1; i > open + 1; i--) {
    const char = text[i];
    if (isPerlSpace(char)) closeInRun = -1;
    else if (char === ">" && closeInRun === -1) closeInRun = i;
    else if (char === "@" && closeInRun > i) return text.slice(open + 1, closeInRun);
  }
  return undefined;
}

/**
 * get_maintainer.pl's parse_email, without its backtracking regexes:
 * `Name <addr>` (the address runs from the first `<` to the last `>`), `<addr>`, or a bare
 * address ending at the first blank after its last `@`. Text after the address is dropped.
 */
export function parseEmail(text: string): NameAndAddress {
  let name = "";
  let address = "";
  const open = text.indexOf("<");
  const close = text.lastIndexOf(">");
  const at = open > 0 ? text.indexOf("@", open + 2) : -1;
  if (at !== -1 && at < close) {
    name = text.slice(0, open);
    address = text.slice(open + 1, close);
  } else {
    const bracketed = bracketedAddress(text);
    if (bracketed !== undefined) {
      address = bracketed;
    } else {
      const lastAt = text.lastIndexOf("@");
      if (lastAt > 0) {
        let end = lastAt + 1;
        while (end < text.length && !isPerlSpace(text[end])) end++;
        address = text.slice(0, end);
      }
    }
  }
  return { name: cleanName(name), address: trimPerlSpace(address) };
}

/** get_maintainer.pl's format_email with names on: `Name <addr>`, or the bare address. */
export function formatEmail(name: string, address: string): string {
  const cleaned = cleanName(name);
  const trimmed = trimPerlSpace(address);
  return cleaned === "" ? trimmed : `${cleaned} <${trimmed}>`;
}
