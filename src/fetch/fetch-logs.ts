import type { Config } from "../config/schema.js";
import { checkLink } from "./allowed.js";
import { type CachedFetchOptions, cachedResult, type FetchCache, fetchCached } from "./cache.js";
import { fetchText, type FetchResult } from "./fetch-text.js";
import type { LogKind, LogLink } from "./links.js";

/**
 * One event's log links, fetched within a budget: links already in the cache
 * cost nothing, then the first `maxLinks` other allowed links are fetched
 * together (so the budget also bounds the concurrency and the event waits one
 * timeout at most). Everything else is reported as skipped, with the reason,
 * so the comment can say so.
 */
export interface FetchLogsOptions extends CachedFetchOptions {
  /** Default 3. */
  maxLinks?: number;
  /** Without one, every call fetches. */
  cache?: FetchCache;
}

export interface FetchedLog {
  url: string;
  kind: LogKind;
  result: FetchResult;
}

export interface SkippedLink {
  url: string;
  kind: LogKind;
  /** Short, for a comment: "not https", "host not allowed: x", "over the limit of 3 links". */
  reason: string;
}

export const DEFAULT_MAX_LINKS = 3;

/** The fetch rules a repository's `fetch:` configuration sets. */
export function fetchRules(fetch: Config["fetch"]): { hosts: readonly string[]; maxBytes: number; timeoutMs: number; maxLinks: number } {
  return { hosts: fetch.hosts, maxBytes: fetch.maxBytes, timeoutMs: fetch.timeoutSeconds * 1000, maxLinks: fetch.maxLinks };
}

export async function fetchLogs(links: readonly LogLink[], options: FetchLogsOptions): Promise<{ fetched: FetchedLog[]; skipped: SkippedLink[] }> {
  const maxLinks = options.maxLinks ?? DEFAULT_MAX_LINKS;
  const chosen: LogLink[] = [];
  const cached: FetchedLog[] = [];
  const skipped: SkippedLink[] = [];
  for (const link of links) {
    const checked = checkLink(link.url, options.hosts);
    const hit = checked.ok && options.cache ? cachedResult(link.url, options, options.cache) : undefined;
    if (!checked.ok) skipped.push({ ...link, reason: checked.error });
    else if (hit) cached.push({ ...link, result: hit });
    else if (chosen.length >= maxLinks) skipped.push({ ...link, reason: `over the limit of ${maxLinks} links` });
    else chosen.push(link);
  }
  const fetched = await Promise.all(
    chosen.map(async (link) => ({
      ...link,
      result: options.cache ? await fetchCached(link.url, options, options.cache) : await fetchText(link.url, options),
    })),
  );
  return { fetched: [...cached, ...fetched], skipped };
}
