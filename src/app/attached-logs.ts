import type { SourceText } from "../analyse/origin.js";
import type { Config } from "../config/schema.js";
import { type FetchCache, fetchLogs } from "../fetch/index.js";

export interface AttachedLogs {
  texts: SourceText[];
  /** Plain sentences for the comment: what could not be read, and why. */
  problems: string[];
}

/**
 * The logs the texts link to (attachments, syzbot's dashboard), fetched within
 * the event's budget of `fetch.maxLinks`, each read as if its author had
 * pasted it. Failures are named, never silent.
 */
export async function attachedLogs(texts: SourceText[], config: Config["fetch"], cache: FetchCache): Promise<AttachedLogs> {
  const out: AttachedLogs = { texts: [], problems: [] };
  if (!config.enabled) return out;
  let budget = config.maxLinks;
  for (const { origin, text } of texts) {
    if (budget <= 0) break;
    const { fetched, skipped } = await fetchLogs(text, {
      hosts: config.hosts,
      maxBytes: config.maxBytes,
      timeoutMs: config.timeoutSeconds * 1000,
      maxLinks: budget,
      cache,
    });
    budget -= fetched.length;
    for (const log of fetched) {
      if (log.result.ok) out.texts.push({ origin: { ...origin, via: log.url }, text: log.result.text });
      else out.problems.push(`could not read the linked log ${log.url}: ${log.result.error}`);
    }
    for (const link of skipped) out.problems.push(`did not read the linked log ${link.url}: ${link.reason}`);
  }
  return out;
}
