import { crashTitles, findDuplicates, type IssueSummary } from "../analyse/duplicates.js";
import { MAX_TITLE_LENGTH } from "../commands/index.js";
import type { Analysis } from "../analyse/reports.js";
import type { ReadText, TextOrigin } from "../analyse/origin.js";
import type { Config } from "../config/schema.js";
import { type LogKind, type LogLink, scanLogLinks } from "../fetch/index.js";
import { dupTitleOf, type IssueState, MAX_FOUND_TITLE, namedCulprit } from "../state/index.js";

/**
 * What the app must read before it can decide, computed from what it has
 * read so far: the same pure steps decide() runs, so gathering asks for exactly
 * what deciding uses, and no more.
 */

/** Console logs are raw output and dashboard pages HTML: the bisection log and the report say what matters. */
const FETCHED_KINDS: ReadonlySet<LogKind> = new Set(["attachment", "bisection-log", "crash-report"]);

/**
 * The logs worth fetching, each with the text that links it: the links of a
 * text that holds no report (an attachment, a dashboard text), and the
 * bisection log a report links instead of holding it (a syzbot email), so its
 * result can be judged from the log.
 */
export function logsToFetch(texts: readonly ReadText[], config: Config): (LogLink & { origin: TextOrigin })[] {
  if (!config.fetch.enabled) return [];
  const out = new Map<string, LogLink & { origin: TextOrigin }>();
  for (const { origin, text, read } of texts) {
    const links =
      read.reports.length === 0
        ? scanLogLinks(text).filter((l) => FETCHED_KINDS.has(l.kind))
        : read.reports.flatMap((r) => (r.evidence !== "log" && r.links.bisectionLog ? [{ url: r.links.bisectionLog, kind: "bisection-log" as const }] : []));
    for (const link of links) if (!out.has(link.url)) out.set(link.url, { ...link, origin });
  }
  return [...out.values()];
}

/**
 * Commits to ask the kernel tree about: each culprit (to link it, find its
 * author, and read its files when the report lacks them), and a maintainer's
 * culprit (whose files the labels follow); `files` when the changed files are
 * wanted too.
 */
export function commitsToRead(reports: readonly { culprit: { sha: string; diffstat: readonly unknown[] } | null }[], state: IssueState): { sha: string; files: boolean }[] {
  const out = new Map<string, boolean>();
  for (const r of reports) if (r.culprit) out.set(r.culprit.sha, (out.get(r.culprit.sha) ?? false) || r.culprit.diffstat.length === 0);
  const named = namedCulprit(state);
  if (named !== null) out.set(named, true);
  return [...out].map(([sha, files]) => ({ sha, files }));
}

/** The titles the duplicate search looks for: the bugs' crash titles and a `#syz dup: <title>` target; null when the last search had the same. */
export function searchTitles(analysis: Analysis, state: IssueState): string[] {
  // As long as the state keeps them; a longer title is searched by its head.
  const titles = crashTitles(analysis).map((t) => t.slice(0, MAX_TITLE_LENGTH));
  const dup = dupTitleOf(state);
  return [...new Set([...titles, ...(dup === null ? [] : [dup])])].slice(0, 10);
}

/**
 * What the duplicate search concluded: the open issues about the same crash, and
 * the one a `#syz dup: <title>` names. From this triage's search when it ran,
 * else from the last one, which the state remembers as concluded.
 */
export function duplicatesOf(analysis: Analysis, state: IssueState, search: readonly IssueSummary[] | null, self: number): NonNullable<IssueState["search"]> | null {
  const titles = searchTitles(analysis, state);
  if (search === null || titles.length === 0) return state.search;
  const dupTitle = dupTitleOf(state);
  const duplicates = findDuplicates(titles.filter((t) => t !== dupTitle), search, self).map((i) => ({ number: i.number, title: i.title.slice(0, MAX_FOUND_TITLE) }));
  const duplicateOf = dupTitle ? (findDuplicates([dupTitle], search, self)[0]?.number ?? null) : null;
  return { titles, duplicates, duplicateOf };
}

export function sameSearch(titles: readonly string[], state: IssueState): boolean {
  return state.search !== null && state.search.titles.join("\n") === titles.join("\n");
}

/** Whether the texts hold anything to triage: a bisection report anywhere, or a crash report in the issue body. */
export function hasFindings(texts: readonly { origin: TextOrigin; read: ReadText["read"] }[]): boolean {
  return texts.some((t) => t.read.reports.length > 0 || (t.origin.kind === "issue" && t.read.crashes.length > 0));
}

/** Whether any path needs a subsystem name: a culprit's files (or a culprit whose files the tree will give), a crash's guilty file. */
export function needsMaintainers(texts: readonly { origin: TextOrigin; read: ReadText["read"] }[], state: IssueState): boolean {
  if (namedCulprit(state) !== null) return true;
  return texts.some(
    (t) =>
      t.read.reports.some((r) => r.culprit !== null || r.crash?.guiltyFile) ||
      (t.origin.kind === "issue" && t.read.crashes.some((c) => c.crash.guiltyFile !== null)),
  );
}
