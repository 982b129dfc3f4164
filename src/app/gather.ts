import type { CommitFacts, FetchedLog } from "../analyse/reports.js";
import type { ReadText, SourceText } from "../analyse/origin.js";
import type { ConfigResult } from "../config/load.js";
import { isTriaged } from "../decide/authors.js";
import { commandAuthors, foldCommands, summaries } from "../decide/commands.js";
import { analyseFacts, commandedLabels, settle } from "../decide/decide.js";
import type { CommentFacts, EditedComment, Facts, LabelEvent, MaintainersFacts } from "../decide/facts.js";
import { labelsInDoubt } from "../decide/labels.js";
import { commitsToRead, duplicatesOf, hasFindings, logsToFetch, needsMaintainers, sameSearch, searchTitles } from "../decide/lookups.js";
import type { fetchLogs, LogLink } from "../fetch/index.js";
import type { IssueSummary } from "../analyse/duplicates.js";
import type { ParseResult } from "../parse/schema.js";
import type { IssueState } from "../state/index.js";
import type { ReadLog } from "./read-off-thread.js";
import { LogNotYetRead } from "./unread-log.js";

/**
 * The app's reads for one triage, in the order each needs the one before: the
 * issue, its comments and the config; the permissions of new commands' authors;
 * the linked logs; the culprits' commits and MAINTAINERS; then the logins and
 * the duplicate search that the mentions and titles ask for. Each "what to read"
 * is the same pure step decide() runs, so nothing is read that deciding does
 * not use. Any failed read fails the triage before anything is written.
 */
export interface Reader {
  /** `own`: the app opened it (a mirrored syzbot bug), so its body is triaged whoever the config lets in. */
  issue(): Promise<{ number: number; title: string; labels: string[]; text: SourceText; own: boolean }>;
  comments(): Promise<(CommentFacts & { text: SourceText })[]>;
  mayWrite(login: string): Promise<boolean>;
  /** The logs behind links, within the event's budget. */
  fetchLogs(links: readonly LogLink[]): ReturnType<typeof fetchLogs>;
  commit(sha: string, files: boolean): Promise<CommitFacts>;
  /** MAINTAINERS where the config the reader was made with names it. */
  maintainers(): Promise<MaintainersFacts | null>;
  userByEmail(email: string): Promise<string | null>;
  searchIssues(titles: string[]): Promise<IssueSummary[]>;
  /** Reads a text: the issue's, a comment, a fetched log (megabytes, perhaps: off the event loop). */
  readLog: ReadLog;
  /** Who last added or took off each of these labels (the issue's events). */
  labelHistory(labels: readonly string[]): Promise<Map<string, LabelEvent>>;
  /** `#syztriage retriage`: ask GitHub and the links again instead of the caches. */
  forgetCached(): void;
}

async function sequential<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await run(item));
  return out;
}

/**
 * `lastTry`: no retry follows this try, so a log whose host fails for now is noted as unread (the comment
 * names it); on any other try it throws LogNotYetRead, before any write.
 */
export async function gatherFacts(reader: Reader, config: ConfigResult, known: ReadonlyMap<string, ParseResult>, lastTry: boolean, edited: EditedComment | null = null): Promise<Facts> {
  const [issue, listed] = await Promise.all([reader.issue(), reader.comments()]);
  const comments: CommentFacts[] = listed.map(({ text: _text, ...c }) => c);
  const base: Facts = {
    config,
    issue: { number: issue.number, title: issue.title, labels: issue.labels },
    texts: [],
    comments,
    edited,
    fetched: [],
    unread: new Map(),
    skipped: [],
    permissions: new Map(),
    commits: new Map(),
    logins: new Map(),
    maintainers: null,
    search: null,
    labelHistory: null,
  };
  if (!config.ok) return base;
  const cfg = config.config;

  const sources = [
    ...(issue.own || isTriaged(issue.text.origin, cfg) ? [issue.text] : []),
    ...listed.filter((c) => !c.own && isTriaged(c.text.origin, cfg)).map((c) => c.text),
  ];
  // Big comments are read off the event loop, as fetched logs are.
  const texts: ReadText[] = await Promise.all(sources.map(async (t) => ({ ...t, read: known.get(t.text) ?? (await reader.readLog(t.text)) })));
  const wanted = logsToFetch(texts, cfg);

  const { summary, header } = summaries(comments);
  // Commands steer only an issue the app triages: nobody's permission is asked about on any other.
  const steerable = summary !== null || hasFindings(texts) || wanted.length > 0;
  const permissions = new Map<string, boolean>();
  if (steerable) for (const login of commandAuthors(comments, header, edited)) permissions.set(login, await reader.mayWrite(login));
  const commands = foldCommands(comments, header, permissions, edited);
  const state: IssueState = commands.state;
  if (commands.retriage) reader.forgetCached();

  const fetched: FetchedLog[] = [];
  const unread = new Map<string, string>();
  const skipped: { url: string; reason: string }[] = [];
  if (wanted.length > 0) {
    const result = await reader.fetchLogs(wanted);
    // Before any log is read: a try that will be retried should not spend a worker on megabytes first.
    for (const log of result.fetched) if (!lastTry && !log.result.ok && log.result.transient) throw new LogNotYetRead(log.url, log.result.error);
    const origins = new Map(wanted.map((w) => [w.url, w.origin]));
    for (const log of result.fetched) {
      const origin = origins.get(log.url);
      if (!origin) continue;
      if (log.result.ok) fetched.push({ url: log.url, origin, read: await reader.readLog(log.result.text) });
      else unread.set(log.url, log.result.error);
    }
    for (const s of result.skipped) skipped.push({ url: s.url, reason: s.reason });
  }

  const reports = [...texts.flatMap((t) => t.read.reports), ...fetched.flatMap((f) => f.read.reports)];
  const findings = hasFindings([...texts, ...fetched]);
  const toRead = findings && !state.invalid ? commitsToRead(reports, state) : [];
  const [commitList, maintainers] = await Promise.all([
    sequential(toRead, async ({ sha, files }) => [sha, await reader.commit(sha, files)] as const),
    findings && !state.invalid && needsMaintainers([...texts, ...fetched], state) ? reader.maintainers() : Promise.resolve(null),
  ]);
  const commits = new Map(commitList);

  const partial: Facts = { ...base, texts, fetched, unread, skipped, permissions, commits, maintainers };
  if (state.invalid) return partial;
  if (!findings) {
    // The reports were edited away: the app's labels go, and the events tell which are still its own.
    const doubt = summary !== null && unread.size + skipped.length === 0 ? labelsInDoubt(commandedLabels(state, cfg), issue.labels, state) : [];
    return doubt.length > 0 ? { ...partial, labelHistory: await reader.labelHistory(doubt) } : partial;
  }

  const analysis = analyseFacts(partial, cfg);
  // Whom to look up does not depend on the duplicates (only the duplicate label does): the people first,
  // whose searches issues triaged together share, then this issue's own search.
  const { people } = settle(partial, analysis, state, 0, cfg);
  const logins = new Map<string, string | null>();
  for (const email of people.toSearch) logins.set(email, await reader.userByEmail(email));
  const titles = searchTitles(analysis, state);
  const search = titles.length > 0 && (commands.retriage || !sameSearch(titles, state)) ? await reader.searchIssues(titles) : null;
  const duplicates = duplicatesOf(analysis, state, search, issue.number)?.duplicates.length ?? 0;
  const { labels } = settle({ ...partial, logins }, analysis, state, duplicates, cfg);
  const doubt = labelsInDoubt(labels.wanted, issue.labels, state);
  const labelHistory = doubt.length > 0 ? await reader.labelHistory(doubt) : null;
  return { ...partial, logins, search, labelHistory };
}
