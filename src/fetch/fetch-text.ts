import { parseUrl, refusal } from "./allowed.js";

/**
 * Fetch a text (a log) by a URL from issue text, without trusting the URL: https
 * and allowlisted hosts only, on every redirect hop; bounded in time and size;
 * never throws, so one bad link cannot fail the event.
 */
export interface FetchOptions {
  /** Allowed hosts, exact match (see DEFAULT_FETCH_HOSTS). */
  hosts: readonly string[];
  /** Body bytes (after content decoding) kept; the rest is not read. Default 5 MiB. */
  maxBytes?: number;
  /** For the whole fetch: connect, redirects and body. Default 10 s. */
  timeoutMs?: number;
  /** Injected fetch (tests, proxies); default the global one. */
  fetch?: typeof fetch;
  /**
   * Extra headers for each hop, chosen by its URL, so a GitHub token (attachments of
   * private repositories) goes to github.com only, never to the host it redirects to.
   */
  headers?: (url: URL) => Record<string, string>;
}

export type FetchResult =
  | { ok: true; text: string; truncated: boolean; finalUrl: string }
  /**
   * `error` is short and safe to show in a comment: "timeout", "HTTP 404", "host not allowed: x", ...
   * `transient`: the host may answer if asked again (5xx, 429, a timeout, a connection error); a refused,
   * missing or forbidden link (404, 410, 403, a host not allowed) will not.
   */
  | { ok: false; error: string; transient: boolean };

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = "syztriage";

function failure(error: string, transient = false): FetchResult {
  return { ok: false, error, transient };
}

/** A server failing or asking to slow down, not a link that is wrong. */
function transientStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** "network error (ECONNREFUSED)": the system code says enough, the message may carry internal detail. */
function networkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code) ? `network error (${code})` : "network error";
}

/**
 * The body up to `maxBytes`. A longer body is cut, not refused: the head of a log
 * holds the parts that matter (start, bisection steps) and still parses. The cut
 * falls back to the last complete line so no half line (a half hash) is parsed.
 */
async function readCapped(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (reader === undefined) return { text: "", truncated: false };
  const decoder = new TextDecoder();
  let text = "";
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    const room = maxBytes - received;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room));
      await reader.cancel();
      const lastNewline = text.lastIndexOf("\n");
      return { text: lastNewline >= 0 ? text.slice(0, lastNewline + 1) : text, truncated: true };
    }
    received += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

async function follow(link: string, options: FetchOptions, signal: AbortSignal): Promise<FetchResult> {
  const doFetch = options.fetch ?? fetch;
  const linked = parseUrl(link);
  if (linked === null) return failure("invalid URL");
  const refused = refusal(linked, options.hosts);
  if (refused !== null) return failure(refused);
  let url = linked;
  for (let redirects = 0; ; redirects++) {
    const response = await doFetch(url.href, {
      redirect: "manual",
      signal,
      headers: { "user-agent": USER_AGENT, ...options.headers?.(url) },
    });
    if (!REDIRECT_STATUSES.has(response.status)) {
      if (!response.ok) {
        await response.body?.cancel();
        return failure(`HTTP ${response.status}`, transientStatus(response.status));
      }
      const { text, truncated } = await readCapped(response, options.maxBytes ?? DEFAULT_MAX_BYTES);
      return { ok: true, text, truncated, finalUrl: url.href };
    }
    await response.body?.cancel();
    if (redirects === MAX_REDIRECTS) return failure("too many redirects");
    const location = response.headers.get("location");
    const next = location === null ? null : parseUrl(location, url);
    if (next === null) return failure("redirect without a valid location");
    const redirectRefused = refusal(next, options.hosts, "redirect");
    if (redirectRefused !== null) return failure(redirectRefused);
    url = next;
  }
}

export async function fetchText(url: string, options: FetchOptions): Promise<FetchResult> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    return await follow(url, options, signal);
  } catch (error) {
    return failure(signal.aborted ? "timeout" : networkError(error), true);
  }
}
