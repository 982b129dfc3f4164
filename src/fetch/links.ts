import { checkLink, parseUrl } from "./allowed.js";

/**
 * Links to logs in Markdown or plain text: GitHub attachments and syzbot's
 * dashboard texts. A link is recognised by its path, on any host, so the app can
 * say "host not allowed" for a mirror instead of silently ignoring it; whether it
 * may be fetched is the allowlist's decision (`findLogLinks`, `fetchLogs`).
 */
export type LogKind = "attachment" | "bisection-log" | "crash-report" | "console-log" | "dashboard";

export interface LogLink {
  /** Normalised (URL.href, fragment dropped): the same log written twice is one link. */
  url: string;
  kind: LogKind;
}

// Longer than any link worth fetching; keeps `new URL` off megabyte-long "links".
const MAX_URL_LENGTH = 2048;
// What cannot be part of a link in Markdown text: spaces, quotes, angle brackets (autolinks, HTML), backticks, table pipes.
// Parentheses are handled apart: `[name](url)` ends at ")", but a balanced "(1)" inside a name is kept.
const URL_CHARS = /[^\s<>"'`[\]{}|\\^()]*/y;
// Sentence punctuation and emphasis after a bare link belong to the text, as in GitHub's autolinking.
const TRAILING_PUNCTUATION = ".,:;!?*_~";
// GitHub attachments: /user-attachments/files/<id>/<name> and the older /<owner>/<repo>/files/<id>/<name>.
const ATTACHMENT_PATH = /^\/(?:user-attachments|[\w.-]+\/[\w.-]+)\/files\/\d+\/[^/]+\.(?:txt|log)$/i;
const DASHBOARD_ID = /^[0-9a-f]{1,64}$/i;
const DASHBOARD_TEXTS = new Map<string, LogKind>([
  ["/x/bisect.txt", "bisection-log"],
  ["/x/report.txt", "crash-report"],
  ["/x/log.txt", "console-log"],
]);

/** Index just past the link that starts at `start`: stops at a character that cannot be in it or an unbalanced ")". */
function linkEnd(text: string, start: number): number {
  let end = start;
  let depth = 0;
  for (;;) {
    URL_CHARS.lastIndex = end;
    URL_CHARS.exec(text);
    end = URL_CHARS.lastIndex;
    const next = text[end];
    if (next === "(") depth++;
    else if (next === ")" && depth > 0) depth--;
    else return end;
    end++;
  }
}

function withoutTrailingPunctuation(link: string): string {
  let end = link.length;
  while (end > 0 && TRAILING_PUNCTUATION.includes(link.charAt(end - 1))) end--;
  return link.slice(0, end);
}

function hasId(url: URL, name: string): boolean {
  return DASHBOARD_ID.test(url.searchParams.get(name) ?? "");
}

function kindOf(url: URL): LogKind | null {
  if (ATTACHMENT_PATH.test(url.pathname)) return "attachment";
  const text = DASHBOARD_TEXTS.get(url.pathname);
  if (text !== undefined) return hasId(url, "x") ? text : null;
  if (url.pathname === "/bug" && (hasId(url, "extid") || hasId(url, "id"))) return "dashboard";
  return null;
}

/** Every log link in `text`, http or https, any host, in order of first appearance. Linear in the text's length. */
export function scanLogLinks(text: string): LogLink[] {
  const links: LogLink[] = [];
  const seen = new Set<string>();
  const scheme = /https?:\/\//gi;
  for (let match = scheme.exec(text); match !== null; match = scheme.exec(text)) {
    const end = linkEnd(text, scheme.lastIndex);
    scheme.lastIndex = end;
    if (end - match.index > MAX_URL_LENGTH) continue;
    const url = parseUrl(withoutTrailingPunctuation(text.slice(match.index, end)));
    const kind = url && kindOf(url);
    if (!url || !kind) continue;
    url.hash = "";
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    links.push({ url: url.href, kind });
  }
  return links;
}

/** The log links in `text` that the app may fetch: https, on an allowed host. */
export function findLogLinks(text: string, hosts: readonly string[]): LogLink[] {
  return scanLogLinks(text).filter((link) => checkLink(link.url, hosts).ok);
}
