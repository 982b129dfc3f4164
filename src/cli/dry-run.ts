import { UNKNOWN_COMMIT } from "../analyse/reports.js";
import { readReports } from "../analyse/read-reports.js";
import type { TextOrigin } from "../analyse/origin.js";
import { gatherFacts, type Reader } from "../app/gather.js";
import type { ConfigResult } from "../config/load.js";
import type { Facts, MaintainersFacts } from "../decide/facts.js";
import { fetchLogs, fetchRules } from "../fetch/index.js";

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
 * GitHub as the dry run sees it: an issue whose body is the text, posted by an
 * owner, with no comments and no labels; a kernel tree that knows none of the
 * commits; user and duplicate searches that find no one and nothing;
 * MAINTAINERS from a file or the bundled snapshot; links fetched as the app
 * fetches them unless offline.
 */
function dryRunReader(text: string, config: ConfigResult, issue: DryRunIssue, maintainers: MaintainersFacts | null, offline: boolean): Reader {
  const url = issue.repo ? `https://github.com/${issue.repo}/issues/${issue.number}` : null;
  const origin: TextOrigin = { kind: "issue", id: issue.number, author: issue.author, association: "OWNER", isBot: false, url };
  return {
    issue: async () => ({ number: issue.number, title: issue.title, labels: [], text: { origin, text }, own: false }),
    comments: async () => [],
    mayWrite: async () => false,
    fetchLogs: async (links) => {
      if (offline || !config.ok) return { fetched: [], skipped: links.map((l) => ({ ...l, reason: "the dry run is offline" })) };
      return fetchLogs(links, fetchRules(config.config.fetch));
    },
    commit: async () => UNKNOWN_COMMIT,
    maintainers: async () => maintainers,
    userByEmail: async () => null,
    searchIssues: async () => [],
    readLog: async (log) => readReports(log),
    labelHistory: async () => new Map(),
    forgetCached: () => {},
  };
}

/** The facts the app would gather for an issue whose body is `text`: the app's own gathering, from the dry run's GitHub. */
export function dryRunFacts(text: string, config: ConfigResult, issue: DryRunIssue, maintainers: MaintainersFacts | null, options: { offline: boolean }): Promise<Facts> {
  // Every try is the last: nothing retries a dry run, so a log that fails for now is named as unread.
  return gatherFacts(dryRunReader(text, config, issue, maintainers, options.offline), config, new Map(), true);
}
