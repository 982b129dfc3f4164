/**
 * Email bodies as archives serve them (lore's raw view, public-inbox mirrors, a message saved and
 * pasted whole): MIME parts, quoted-printable, format=flowed. The decoded text keeps the number of
 * the physical line each decoded line starts on, so reports still point into the input.
 */
export interface NumberedLine {
  text: string;
  /** 1-based line number in the input. */
  line: number;
}

interface Headers {
  contentType: string;
  encoding: string;
}

const HEADER = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/;
/** A header block that says how the body is encoded: only then is the text taken for a message. */
const MIME_HEADER = /^(?:content-type|content-transfer-encoding|mime-version)$/i;
const MAX_HEADER_LINES = 400;
/** Quoted-printable without its header (a body pasted from an archive): an encoded `=` or a soft break after one. */
const BARE_QP = /=3D|=20\r?$|=09\r?$/m;
const SOFT_BREAK = /=\r?$/m;

/** The header block at lines[from] (up to the blank line), or null when the lines there are no headers. */
function readHeaders(lines: readonly NumberedLine[], from: number): { headers: Headers; mime: boolean; end: number } | null {
  const headers: Headers = { contentType: "", encoding: "" };
  let mime = false;
  let current: keyof Headers | null = null;
  let i = from;
  for (; i < lines.length && i - from < MAX_HEADER_LINES; i++) {
    const text = lines[i]?.text ?? "";
    if (text === "") break;
    if (/^[ \t]/.test(text)) {
      if (i === from) return null;
      if (current) headers[current] += " " + text.trim();
      continue;
    }
    const m = HEADER.exec(text);
    if (!m) return null;
    const name = (m[1] ?? "").toLowerCase();
    if (MIME_HEADER.test(name)) mime = true;
    current = name === "content-type" ? "contentType" : name === "content-transfer-encoding" ? "encoding" : null;
    if (current) headers[current] = m[2] ?? "";
  }
  return i > from ? { headers, mime, end: i } : null;
}

function parameter(contentType: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

const decoder = new TextDecoder("utf-8");
const encoder = new TextEncoder();

function isHex(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/** Decodes `=XX` escapes of one (already joined) quoted-printable line as UTF-8 bytes. */
function decodeQpLine(text: string): string {
  if (!text.includes("=")) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      // Raw non-ASCII text (a body already decoded once): its own UTF-8 bytes.
      const point = text.codePointAt(i) ?? code;
      if (point > 0xffff) i++;
      for (const b of encoder.encode(String.fromCodePoint(point))) bytes.push(b);
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}

/** Quoted-printable: a line ending in `=` continues on the next one (a soft break); `=XX` is a byte. */
function decodeQuotedPrintable(lines: readonly NumberedLine[]): NumberedLine[] {
  const out: NumberedLine[] = [];
  let joined: string[] = [];
  let start = 0;
  for (const { text, line } of lines) {
    if (joined.length === 0) start = line;
    // An encoded `=` is `=3D`, so a trailing `=` is always a soft break.
    if (text.endsWith("=")) {
      joined.push(text.slice(0, -1));
      continue;
    }
    joined.push(text);
    out.push({ text: decodeQpLine(joined.join("")), line: start });
    joined = [];
  }
  if (joined.length > 0) out.push({ text: decodeQpLine(joined.join("")), line: start });
  return out;
}

function quotePrefix(text: string): string {
  return /^>+ ?/.exec(text)?.[0].replace(/ $/, "") ?? "";
}

/** format=flowed (RFC 3676): a line ending in a space continues on the next line of the same quote depth. */
function decodeFlowed(lines: readonly NumberedLine[], delSp: boolean): NumberedLine[] {
  const out: NumberedLine[] = [];
  for (const { text, line } of lines) {
    const previous = out[out.length - 1];
    const prefix = quotePrefix(text);
    if (previous && previous.text.endsWith(" ") && previous.text !== "-- " && quotePrefix(previous.text) === prefix) {
      const rest = text.slice(prefix.length).replace(/^ /, "");
      previous.text = (delSp ? previous.text.slice(0, -1) : previous.text) + rest;
      continue;
    }
    out.push({ text, line });
  }
  return out;
}

function decodeBase64(lines: readonly NumberedLine[]): NumberedLine[] {
  const first = lines[0]?.line ?? 1;
  try {
    const binary = atob(lines.map((l) => l.text.trim()).join(""));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return decoder.decode(bytes).split(/\r\n|\r|\n/).map((text) => ({ text, line: first }));
  } catch {
    return [];
  }
}

/** One body: decoded by its transfer encoding and format; multipart bodies give their text parts. */
function decodeBody(headers: Headers, body: readonly NumberedLine[], depth: number): NumberedLine[] {
  const type = headers.contentType.toLowerCase();
  const boundary = type.startsWith("multipart/") ? parameter(headers.contentType, "boundary") : null;
  if (boundary && depth < 4) return decodeMultipart(boundary, body, depth);
  if (type !== "" && !type.startsWith("text/plain")) return [];
  const encoding = headers.encoding.trim().toLowerCase();
  let lines = encoding === "quoted-printable" ? decodeQuotedPrintable(body) : encoding === "base64" ? decodeBase64(body) : [...body];
  if (parameter(headers.contentType, "format")?.toLowerCase() === "flowed") {
    lines = decodeFlowed(lines, parameter(headers.contentType, "delsp")?.toLowerCase() === "yes");
  }
  return lines;
}

/** The text parts of a multipart body, in order; boundaries, part headers and other parts left out. */
function decodeMultipart(boundary: string, body: readonly NumberedLine[], depth: number): NumberedLine[] {
  const open = `--${boundary}`;
  const out: NumberedLine[] = [];
  let part: NumberedLine[] | null = null;
  const flush = () => {
    if (!part) return;
    const head = readHeaders(part, 0);
    const headers = head?.headers ?? { contentType: "", encoding: "" };
    out.push(...decodeBody(headers, part.slice(head ? head.end + 1 : 0), depth + 1));
  };
  for (const line of body) {
    const t = line.text.trimEnd();
    if (t === open || t === `${open}--`) {
      flush();
      part = t === open ? [] : null;
      continue;
    }
    part?.push(line);
  }
  flush();
  return out;
}

/** Header names only a mail's header block has: an oops's `BUG:` or `RIP:` is none of them. */
const MAIL_HEADER = /^(?:from|to|cc|subject|date|message-id|in-reply-to|references|reply-to|sender|list-id|mime-version|content-type|x-[\w-]+):/i;

/**
 * Where the body starts when the text opens with a mail's header block (a message pasted whole):
 * the index after the blank line that ends it, else 0. A folded `Subject:` can look like an oops.
 */
export function mailBodyStart(lines: readonly { text: string }[]): number {
  let mail = false;
  for (let i = 0; i < lines.length && i < MAX_HEADER_LINES; i++) {
    const text = lines[i]?.text ?? "";
    if (text === "") return mail ? i + 1 : 0;
    if (i > 0 && /^[ \t]/.test(text)) continue;
    if (!HEADER.test(text)) return 0;
    if (MAIL_HEADER.test(text)) mail = true;
  }
  return 0;
}

/** The input's lines, numbered from 1. */
function numbered(lines: readonly string[]): NumberedLine[] {
  return lines.map((text, n) => ({ text, line: n + 1 }));
}

/**
 * The text as a reader sees the message: a MIME message is decoded (its headers kept as they are,
 * then the body's text parts); a body without headers is decoded when it is plainly
 * quoted-printable. Null for any other text, which is read line for line.
 */
export function decodeMail(input: string, lines: readonly string[]): NumberedLine[] | null {
  if (HEADER.test(lines[0] ?? "")) {
    const all = numbered(lines);
    const head = readHeaders(all, 0);
    if (head?.mime) return [...all.slice(0, head.end + 1), ...decodeBody(head.headers, all.slice(head.end + 1), 0)];
  }
  return BARE_QP.test(input) && SOFT_BREAK.test(input) ? decodeQuotedPrintable(numbered(lines)) : null;
}
