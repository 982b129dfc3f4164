import type { Config } from "../config/schema.js";
import { type BodyTexts, closingComment, mirroredBody, mirroredTitle } from "./body.js";
import type { Dashboard, Read } from "./dashboard.js";
import type { MirrorFacts } from "./facts.js";
import type { MirrorIssues } from "./github.js";
import {
  bugPagePath,
  isNewBug,
  issuePagesToRead,
  keptBugs,
  knownIssues,
  type ListedBug,
  type MirroredIssue,
  type MirrorPlan,
  mirroredBugs,
  type PageRead,
  planMirror,
  unknownListed,
} from "./plan.js";

/**
 * One repository's sync: read the app's issues and the dashboard, plan, and (unless a dry run) fetch
 * the texts each new body needs and write. The dashboard failing to answer its list, or answering
 * something else than its JSON, stops the sync before any write; a bug whose page or texts cannot be
 * read is left for the next run. Each issue written is triaged at once, as its event is the app's own.
 */
export interface SyncLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface SyncDeps {
  issues: MirrorIssues;
  dashboard: Dashboard;
  /** Triages an issue the sync opened or rewrote; a failure is reported, and the triage's own to retry. */
  triage(issue: number): Promise<void>;
  log: SyncLog;
}

export type Written = { action: "open" | "update" | "close"; issue: number; bug: string };
/** A write that failed (left for the next run), or the triage of an issue written (the triage retries it). */
export type Failed = { action: Written["action"] | "triage"; issue: number | null; bug: string; error: string };

export type SyncResult = { ok: false; error: string } | { ok: true; plan: MirrorPlan; written: Written[]; failed: Failed[] };

/** The texts a body embeds; null when the dashboard did not give one it has. */
async function bodyTexts(dashboard: Dashboard, facts: MirrorFacts): Promise<Read<BodyTexts>> {
  const report = facts.crash?.report ? await dashboard.text({ tag: "CrashReport", x: facts.crash.report }) : null;
  if (report && !report.ok) return { ok: false, error: `the crash report: ${report.error}` };
  if (!facts.cause) return { ok: true, value: { report: report?.value ?? null, bisection: null } };
  const ref = await dashboard.causeLog(bugPagePath(facts.id));
  if (!ref.ok) return { ok: false, error: `the bug's page: ${ref.error}` };
  // A page without the link (another layout) leaves the body with the commit alone.
  if (ref.value === null) return { ok: true, value: { report: report?.value ?? null, bisection: null } };
  const log = await dashboard.text(ref.value);
  if (!log.ok) return { ok: false, error: `the bisection log: ${log.error}` };
  return { ok: true, value: { report: report?.value ?? null, bisection: { ref: ref.value, text: log.value } } };
}

/** The bug pages a sync reads: the followed issues' bugs, then listed bugs until enough new ones to open are found. */
async function readPages(deps: SyncDeps, listed: readonly ListedBug[], issues: readonly MirroredIssue[], maxOpen: number, signal: AbortSignal | undefined): Promise<Map<string, PageRead>> {
  const pages = new Map<string, PageRead>();
  const known = knownIssues(issues);
  for (const path of issuePagesToRead(known)) {
    signal?.throwIfAborted();
    pages.set(path, await deps.dashboard.bug(path));
  }
  const mirrored = mirroredBugs(known);
  let found = 0;
  for (const bug of unknownListed(listed, known)) {
    if (found >= maxOpen) break;
    signal?.throwIfAborted();
    const page = await deps.dashboard.bug(bug.link);
    pages.set(bug.link, page);
    if (page.ok && isNewBug(page, mirrored)) {
      mirrored.add(page.bug.id);
      found++;
    }
  }
  return pages;
}

/** Writes the plan, each issue on its own: a failure leaves that issue for the next run and goes on with the others. */
async function write(deps: SyncDeps, plan: MirrorPlan, base: string, signal: AbortSignal | undefined): Promise<{ written: Written[]; failed: Failed[] }> {
  const written: Written[] = [];
  const failed: Failed[] = [];
  const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
  const attempt = async (action: Written["action"], issue: number | null, facts: MirrorFacts, run: () => Promise<number | null>) => {
    signal?.throwIfAborted();
    let number: number | null;
    try {
      number = await run();
    } catch (err) {
      failed.push({ action, issue, bug: facts.id, error: message(err) });
      deps.log.error({ err, action, issue, bug: facts.id }, "mirror: a write failed");
      return;
    }
    if (number === null) return;
    written.push({ action, issue: number, bug: facts.id });
    // A closed issue keeps the triage it had.
    if (action !== "close") await deps.triage(number).catch((err: unknown) => void failed.push({ action: "triage", issue: number, bug: facts.id, error: message(err) }));
  };
  const body = async (facts: MirrorFacts, action: Written["action"], issue: number | null): Promise<string | null> => {
    const texts = await bodyTexts(deps.dashboard, facts);
    if (texts.ok) return mirroredBody(facts, texts.value, base);
    failed.push({ action, issue, bug: facts.id, error: texts.error });
    deps.log.warn({ action, issue, bug: facts.id, error: texts.error }, "mirror: could not read the dashboard's text; left for the next run");
    return null;
  };
  for (const open of plan.open) {
    await attempt("open", null, open.facts, async () => {
      const text = await body(open.facts, "open", null);
      if (text === null) return null;
      return deps.issues.open(mirroredTitle(open.title), text);
    });
  }
  // A body a person edited since it was listed is theirs: the write waits for the next run's decision.
  const unchanged = async (action: Written["action"], issue: number, facts: MirrorFacts, read: string): Promise<boolean> => {
    if ((await deps.issues.body(issue)) === read) return true;
    deps.log.info({ action, issue, bug: facts.id }, "mirror: the issue changed since it was read; left for the next run");
    return false;
  };
  for (const update of plan.update) {
    await attempt("update", update.issue, update.facts, async () => {
      const text = await body(update.facts, "update", update.issue);
      if (text === null || !(await unchanged("update", update.issue, update.facts, update.read))) return null;
      await deps.issues.setBody(update.issue, text);
      return update.issue;
    });
  }
  for (const close of plan.close) {
    await attempt("close", close.issue, close.facts, async () => {
      const text = close.keptBody ?? (await body(close.facts, "close", close.issue));
      if (text === null || !(await unchanged("close", close.issue, close.facts, close.read))) return null;
      await deps.issues.close(close.issue, text, closingComment(close.facts, base));
      return close.issue;
    });
  }
  return { written, failed };
}

/** `signal` stops the sync between two requests (a shutdown, a lost lock): what is written stays, the rest waits for the next run. */
export async function syncMirror(deps: SyncDeps, config: Config, options: { dryRun: boolean; signal?: AbortSignal }): Promise<SyncResult> {
  const mirror = config.mirror;
  options.signal?.throwIfAborted();
  const issues = await deps.issues.list();
  const listed = await deps.dashboard.openBugs(mirror.namespace, { subsystems: mirror.subsystems, withRepro: mirror.withRepro });
  if (!listed.ok) {
    deps.log.warn({ dashboard: mirror.dashboard, namespace: mirror.namespace, error: listed.error }, "mirror: could not read the dashboard's open bugs; nothing written");
    return { ok: false, error: listed.error };
  }
  const pages = await readPages(deps, keptBugs(listed.value, mirror), issues, mirror.maxOpen, options.signal);
  const plan = planMirror({ listed: listed.value, issues, pages, config: mirror });
  for (const skip of plan.skipped) deps.log.info({ issue: skip.issue, bug: skip.bug, reason: skip.reason }, "mirror: skipped");
  if (options.dryRun) return { ok: true, plan, written: [], failed: [] };
  const { written, failed } = await write(deps, plan, mirror.dashboard, options.signal);
  return { ok: true, plan, written, failed };
}
