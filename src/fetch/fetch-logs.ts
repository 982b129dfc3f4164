import { checkLink } from "./allowed.js";
import { fetchCached, type CachedFetchOptions, type FetchCache } from "./cache.js";
import { fetchText, type FetchResult } from "./fetch-text.js";
import { scanLogLinks, type LogKind, type LogLink } from "./links.js";

/**
 * The log links of one event's text, fetched within a budget: the first
 * `maxLinks` allowed links, fetched together (so the budget also bounds the
 * concurrency and the event waits one timeout at most). Everything else is
 * reported as skipped, with the reason, so the comment can say so.
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

export async function fetchLogs(text: string, options: FetchLogsOptions): Promise<{ fetched: FetchedLog[]; skipped: SkippedLink[] }> {
  const maxLinks = options.maxLinks ?? DEFAULT_MAX_LINKS;
  const chosen: LogLink[] = [];
  const skipped: SkippedLink[] = [];
  for (const link of scanLogLinks(text)) {
    const checked = checkLink(link.url, options.hosts);
    if (!checked.ok) skipped.push({ ...link, reason: checked.error });
    else if (chosen.length >= maxLinks) skipped.push({ ...link, reason: `over the limit of ${maxLinks} links` });
    else chosen.push(link);
  }
  const fetched = await Promise.all(
    chosen.map(async (link) => ({
      ...link,
      result: options.cache ? await fetchCached(link.url, options, options.cache) : await fetchText(link.url, options),
    })),
  );
  return { fetched, skipped };
}
