import { checkLink } from "./allowed.js";
import { fetchText, type FetchOptions, type FetchResult } from "./fetch-text.js";

/**
 * Fetched logs by URL, so editing an issue or a comment does not fetch its links
 * again. Only successes are kept: failures are mostly transient (timeouts, 5xx,
 * an attachment not yet visible), and a retried failure costs at most one request
 * per link per event because fetchLogs caps the links. Entries expire after `ttlMs`
 * because a dashboard page changes (attachments and syzbot's x/ texts do not).
 */
type Fetched = Extract<FetchResult, { ok: true }>;

export interface FetchCacheOptions {
  maxEntries?: number;
  /** Sum of the cached texts' lengths (UTF-16 code units, roughly memory / 2). */
  maxTotalLength?: number;
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface CachedFetchOptions extends FetchOptions {
  /**
   * Whose fetch this is, e.g. "owner/repo". Pass it whenever `headers` carries a
   * token: a private attachment fetched for one repository must not be served to another.
   */
  cacheScope?: string;
}

export class FetchCache {
  readonly #entries = new Map<string, { result: Fetched; storedAt: number }>();
  readonly #maxEntries: number;
  readonly #maxTotalLength: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #totalLength = 0;

  constructor(options: FetchCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 200;
    this.#maxTotalLength = options.maxTotalLength ?? 64 * 1024 * 1024;
    this.#ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  get(key: string): Fetched | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#delete(key);
    if (this.#now() - entry.storedAt > this.#ttlMs) return undefined;
    this.#entries.set(key, entry); // most recently used last: eviction takes from the front
    this.#totalLength += entry.result.text.length;
    return entry.result;
  }

  set(key: string, result: Fetched): void {
    this.#delete(key);
    if (result.text.length > this.#maxTotalLength) return;
    this.#entries.set(key, { result, storedAt: this.#now() });
    this.#totalLength += result.text.length;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries && this.#totalLength <= this.#maxTotalLength) break;
      this.#delete(oldest);
    }
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#totalLength -= entry.result.text.length;
  }
}

/** fetchText through `cache`. The allowlist is checked before the cache, so narrowing it takes effect at once. */
function cacheKey(url: URL, options: CachedFetchOptions): string {
  return `${options.cacheScope ?? ""}\n${url.href}`;
}

/** The cached text of an allowed link, without fetching. */
export function cachedResult(url: string, options: CachedFetchOptions, cache: FetchCache): FetchResult | undefined {
  const checked = checkLink(url, options.hosts);
  return checked.ok ? cache.get(cacheKey(checked.url, options)) : undefined;
}

export async function fetchCached(url: string, options: CachedFetchOptions, cache: FetchCache): Promise<FetchResult> {
  const checked = checkLink(url, options.hosts);
  if (!checked.ok) return { ...checked, transient: false };
  const key = cacheKey(checked.url, options);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const result = await fetchText(url, options);
  if (result.ok) cache.set(key, result);
  return result;
}
