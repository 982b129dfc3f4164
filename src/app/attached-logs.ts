import type { TextOrigin } from "../analyse/origin.js";
import { type ReadText, readTexts } from "../analyse/triage.js";
import type { Config } from "../config/schema.js";
import { type FetchCache, fetchLogs, type LogKind, type LogLink, scanLogLinks } from "../fetch/index.js";

/** Console logs are raw output and dashboard pages HTML: the bisection log and the report say what matters. */
const FETCHED_KINDS: ReadonlySet<LogKind> = new Set(["attachment", "bisection-log", "crash-report"]);

export interface AttachedLogs {
  texts: ReadText[];
  /** Plain sentences for the comment: what could not be read, and why. */
  problems: string[];
}

/**
 * The logs the texts link to (attachments, syzbot's bisection logs and
 * reports), within the event's budget of `fetch.maxLinks` fetches, each read as
 * if its author had pasted it. A text that holds a bisection report already says
 * what its links would. Failures and skipped links are named, never silent.
 */
export async function attachedLogs(texts: ReadText[], config: Config, cache: FetchCache): Promise<AttachedLogs> {
  if (!config.fetch.enabled) return { texts: [], problems: [] };
  const origins = new Map<string, TextOrigin>();
  const links: LogLink[] = [];
  for (const { origin, text, read } of texts) {
    if (read.reports.length > 0) continue;
    for (const link of scanLogLinks(text)) {
      if (!FETCHED_KINDS.has(link.kind) || origins.has(link.url)) continue;
      origins.set(link.url, origin);
      links.push(link);
    }
  }
  const { fetched, skipped } = await fetchLogs(links, {
    hosts: config.fetch.hosts,
    maxBytes: config.fetch.maxBytes,
    timeoutMs: config.fetch.timeoutSeconds * 1000,
    maxLinks: config.fetch.maxLinks,
    cache,
  });
  const problems: string[] = [];
  const sources = [];
  for (const log of fetched) {
    const origin = origins.get(log.url) as TextOrigin;
    if (log.result.ok) sources.push({ origin: { ...origin, via: log.url }, text: log.result.text });
    else problems.push(`could not read the linked log ${log.url}: ${log.result.error}`);
  }
  for (const link of skipped) problems.push(`did not read the linked log ${link.url}: ${link.reason}`);
  return { texts: readTexts(sources, config), problems };
}
