import type { FetchedLog } from "../analyse/reports.js";
import { readReports } from "../analyse/read-reports.js";
import type { TextOrigin } from "../analyse/origin.js";
import type { ConfigResult } from "../config/load.js";
import { isTriaged } from "../decide/authors.js";
import type { Facts, MaintainersFacts } from "../decide/facts.js";
import { analyseFacts, settle } from "../decide/decide.js";
import { logsToFetch } from "../decide/lookups.js";
import { fetchLogs } from "../fetch/index.js";
import { EMPTY_STATE } from "../state/index.js";

/** The issue the dry run pretends the text was posted in. */
export interface DryRunIssue {
  /** `owner/name`, for links like the app's; null: no repository. */
  repo: string | null;
  number: number;
  title: string;
  /** Who posted the text; the dry run trusts them as an owner. */
  author: string;
}

/**
 * The facts the app would have for an issue whose body is `text`, without
 * GitHub: no commit lookups, user searches that find no one (the config's
 * `users` map still resolves people), a duplicate search that finds nothing, MAINTAINERS from a file or
 * the bundled snapshot, and links fetched as the app fetches them unless offline.
 */
export async function dryRunFacts(
  text: string,
  config: ConfigResult,
  issue: DryRunIssue,
  maintainers: MaintainersFacts | null,
  options: { offline: boolean },
): Promise<Facts> {
  const url = issue.repo ? `https://github.com/${issue.repo}/issues/${issue.number}` : null;
  const origin: TextOrigin = { kind: "issue", id: issue.number, author: issue.author, association: "OWNER", isBot: false, url };
  const texts = config.ok && isTriaged(origin, config.config) ? [{ origin, text, read: readReports(text) }] : [];
  const fetched: FetchedLog[] = [];
  const unread = new Map<string, string>();
  const skipped: { url: string; reason: string }[] = [];
  if (config.ok) {
    const wanted = logsToFetch(texts, config.config);
    if (options.offline) for (const link of wanted) skipped.push({ url: link.url, reason: "the dry run is offline" });
    else if (wanted.length > 0) {
      const f = config.config.fetch;
      const result = await fetchLogs(wanted, { hosts: f.hosts, maxBytes: f.maxBytes, timeoutMs: f.timeoutSeconds * 1000, maxLinks: f.maxLinks });
      for (const log of result.fetched) {
        if (log.result.ok) fetched.push({ url: log.url, origin, read: readReports(log.result.text) });
        else unread.set(log.url, log.result.error);
      }
      for (const s of result.skipped) skipped.push({ url: s.url, reason: s.reason });
    }
  }
  const facts: Facts = {
    config,
    issue: { number: issue.number, title: issue.title, labels: [] },
    texts,
    comments: [],
    fetched,
    unread,
    skipped,
    permissions: new Map(),
    commits: new Map(),
    logins: new Map(),
    maintainers,
    // The dry run cannot search GitHub: it decides as the app would when the search finds no duplicate.
    search: [],
    labelHistory: null,
  };
  if (!config.ok) return facts;
  // The people the app would look up, as found by no one.
  const { people } = settle(facts, analyseFacts(facts, config.config), EMPTY_STATE, 0, config.config);
  return { ...facts, logins: new Map(people.toSearch.map((email) => [email, null])) };
}
