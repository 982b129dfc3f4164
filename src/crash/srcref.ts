// Finding `path/file.c:123` references in report lines (syzkaller's filenameRe,
// `([a-zA-Z0-9_\-\./]*[a-zA-Z0-9_\-]+\.(c|h)):[0-9]+`) with a linear scan instead of a regexp,
// because that regexp backtracks quadratically on long runs of path characters.

export interface SourceRef {
  /** The path as printed (not cleaned). */
  path: string;
  /** Offset of the path in the scanned string. */
  index: number;
}

function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 || // _
    code === 45 // -
  );
}

function isPathChar(code: number): boolean {
  return isNameChar(code) || code === 46 /* . */ || code === 47 /* / */;
}

/**
 * The leftmost `path.c:N` or `path.h:N` in text. Every run of path characters can end in at most
 * one `.c:`/`.h:` (":" ends the run), so the first such ending found gives the leftmost match.
 */
export function firstSourceRef(text: string): SourceRef | null {
  for (let colon = text.indexOf(":"); colon !== -1; colon = text.indexOf(":", colon + 1)) {
    const ext = text.charCodeAt(colon - 1);
    if (
      colon < 3 ||
      (ext !== 99 /* c */ && ext !== 104 /* h */) ||
      text.charCodeAt(colon - 2) !== 46 /* . */ ||
      !isNameChar(text.charCodeAt(colon - 3))
    ) {
      continue;
    }
    const digit = text.charCodeAt(colon + 1);
    if (!(digit >= 48 && digit <= 57)) continue;
    let start = colon - 3;
    while (start > 0 && isPathChar(text.charCodeAt(start - 1))) start--;
    return { path: text.slice(start, colon), index: start };
  }
  return null;
}

/** Lexical path cleaning like Go's filepath.Clean for relative kernel paths ("./a/../b.c" -> "b.c"). */
export function cleanPath(path: string): string {
  if (!/(?:^|\/)\.\.?(?:\/|$)|\/\/|\/$/.test(path)) return path;
  const out: string[] = [];
  const rooted = path.startsWith("/");
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (part !== ".." || !rooted) out.push(part);
  }
  const joined = out.join("/");
  return rooted ? `/${joined}` : joined || ".";
}

/** Directory part of a cleaned path, like Go's filepath.Dir. */
export function dirName(path: string): string {
  const slash = path.lastIndexOf("/");
  if (slash === -1) return ".";
  return slash === 0 ? "/" : path.slice(0, slash);
}
