/**
 * Recipient lists as syzbot logs them: Go's `%q` of a []string,
 * `["a@x.org" "b@y.org"]`, or `[]`. Returns null when the text is not such a list
 * (for example a list cut by hard wrapping, which the caller may join first).
 */
export function parseQuotedList(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith("[") || !t.endsWith("]")) return null;
  const out: string[] = [];
  let i = 1;
  const end = t.length - 1;
  while (i < end) {
    const c = t[i];
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c !== '"') {
      // An unquoted `%v` list: `[a@x b@y]`.
      let j = i;
      while (j < end && t[j] !== " ") j++;
      out.push(t.slice(i, j));
      i = j;
      continue;
    }
    let j = i + 1;
    let value = "";
    while (j < end && t[j] !== '"') {
      if (t[j] === "\\" && j + 1 < end) j++;
      value += t[j];
      j++;
    }
    if (j >= end) return null;
    out.push(value);
    i = j + 1;
  }
  return out;
}

/** `Name <a@b>` or a bare `a@b`; null if there is no address. */
export function parseNameAddress(text: string): { name: string; email: string } | null {
  const t = text.trim();
  const lt = t.lastIndexOf("<");
  const gt = t.lastIndexOf(">");
  if (lt >= 0 && gt > lt) {
    const email = t.slice(lt + 1, gt).trim();
    if (!isEmail(email)) return null;
    const name = t.slice(0, lt).trim().replace(/^"(.*)"$/, "$1");
    return { name, email };
  }
  return isEmail(t) ? { name: "", email: t } : null;
}

function isEmail(text: string): boolean {
  const at = text.indexOf("@");
  return at > 0 && at < text.length - 1 && text.length <= 254 && !/[\s<>,;"]/.test(text);
}

/** Splits a header value such as `To:` / `Cc:` on commas outside quotes. */
export function splitAddressHeader(value: string): { name: string; email: string }[] {
  const out: { name: string; email: string }[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = value[i];
    if (c === '"') quoted = !quoted;
    if (i === value.length || (c === "," && !quoted)) {
      const addr = parseNameAddress(value.slice(start, i));
      if (addr) out.push(addr);
      start = i + 1;
    }
  }
  return out;
}
