// The public face of log fetching: links to logs in issue text, and a fetcher that only goes where it is allowed.
export { DEFAULT_FETCH_HOSTS } from "./allowed.js";
export { FetchCache, fetchCached, type CachedFetchOptions, type FetchCacheOptions } from "./cache.js";
export { DEFAULT_MAX_LINKS, fetchLogs, fetchRules, type FetchedLog, type FetchLogsOptions, type SkippedLink } from "./fetch-logs.js";
export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, fetchText, type FetchOptions, type FetchResult } from "./fetch-text.js";
export { findLogLinks, scanLogLinks, type LogKind, type LogLink } from "./links.js";
