import type { Probot } from "probot";
import { z } from "zod";
import type { ConfigResult } from "../config/load.js";
import { type Config, DEFAULT_CONFIG } from "../config/schema.js";
import { decide } from "../decide/decide.js";
import { isEmpty, type Plan } from "../decide/plan.js";
import { FetchCache } from "../fetch/index.js";
import { applyPlan } from "../github/apply.js";
import { loadConfig } from "../github/config.js";
import { type AppIdentity, appIdentity, isOwnComment } from "../github/identity.js";
import { MaintainersCache } from "../github/maintainers-file.js";
import { type Caches, githubReader } from "../github/reader.js";
import { type IssueEventContext, type IssueRef, issueKey, type Octokit } from "../github/types.js";
import type { ParseResult } from "../parse/schema.js";
import type { DueJob, InFlight, Store } from "../store/index.js";
import type { IssuePayload } from "./event-texts.js";
import { readEvent } from "./event-relevance.js";
import { gatherFacts } from "./gather.js";
import type { ReadLog } from "./read-off-thread.js";

/** How the app is run: what the server, the Action and the tests choose. */
export interface AppOptions {
  /** How fetched logs are read: in a worker thread on a server, inline elsewhere. */
  readLog: ReadLog;
  /** The triages running, which a graceful shutdown waits for. */
  inFlight: InFlight;
  /** Locks, shared caches and the retry queue (Redis with replicas); the app's own memory store when absent. */
  store: (app: Probot) => Store;
  /** Whether this process runs the retries of failed triages (a server does; a one-shot Action run does not). */
  retries: boolean;
}

/** One issue to triage, as plain data: an event's, or a failed triage's to try again. */
export const TriageJob = z.object({
  installation: z.number().int(),
  ref: z.object({ owner: z.string(), repo: z.string(), issue_number: z.number().int() }),
  repoUrl: z.string(),
  /** The delivery that asked for it, for the logs. */
  delivery: z.string(),
  /** The comment the event edited, with its text before (commands the edit added run). */
  edited: z.object({ id: z.number().int(), before: z.string() }).nullable().default(null),
});
export type TriageJob = z.infer<typeof TriageJob>;

/** A triage holds its issue's lock this long without renewing it: a replica that dies frees the issue by then. */
const LEASE_MS = 60_000;

interface Log {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

interface AppState {
  app: Probot;
  options: AppOptions;
  store: Store;
  caches: Caches;
  /** Label creations under way in this process, by repository and name. */
  creatingLabels: Map<string, Promise<void>>;
}

function writes(plan: Plan): number {
  const labels = plan.createLabels.length + (plan.addLabels.length > 0 ? 1 : 0) + plan.removeLabels.length;
  return labels + (plan.comment ? 1 : 0) + plan.deleteComments.length + plan.reactions.length + plan.replies.length;
}

/** One triage: gather every fact, decide the whole plan, write it. Reads fail it before anything is written. */
async function runTriage(
  state: AppState,
  job: TriageJob,
  octokit: Octokit,
  identity: AppIdentity,
  log: Log,
  known: ReadonlyMap<string, ParseResult>,
  loaded: ConfigResult | null,
  lost: AbortSignal,
  attempt: number,
) {
  const started = performance.now();
  const { ref } = job;
  const config = loaded ?? (await loadConfig(octokit, { owner: ref.owner, repo: ref.repo }));
  const reader = githubReader({
    octokit,
    ref,
    repoUrl: job.repoUrl,
    installation: job.installation,
    identity,
    config: config.ok ? config.config : DEFAULT_CONFIG,
    caches: state.caches,
    readLog: state.options.readLog,
  });
  const facts = await gatherFacts(reader, config, known, lastTry(state, attempt), job.edited);
  const plan = decide(facts);
  // Another replica may hold the issue now: writing could duplicate its work, so this try fails and is retried.
  lost.throwIfAborted();
  if (!isEmpty(plan)) {
    const labels = { known: state.store.cache(job.installation, "labels"), creating: state.creatingLabels };
    await applyPlan(octokit, ref, plan, labels, (err) => log.warn({ err, issue: issueKey(ref), delivery: job.delivery }, "could not acknowledge a command"));
  }
  const outcome = { issue: issueKey(ref), delivery: job.delivery, ms: Math.round(performance.now() - started), writes: writes(plan), labels: plan.outcome.labels };
  log.info(config.ok ? outcome : { ...outcome, configError: config.error }, "triaged");
}

/**
 * Whether the app acts on this event's sender: never itself (no loops), other
 * bots only when the config allows them. `triage.authors` decides which texts
 * are triaged, not whose events count: a maintainer's command always does.
 */
function fromTriagedSender(payload: IssuePayload, identity: AppIdentity, config: ConfigResult | null): boolean {
  if (payload.sender.login === identity.login || (payload.comment && isOwnComment(payload.comment, identity))) return false;
  return config === null || !config.ok || payload.sender.type !== "Bot" || config.config.triage.bots.includes(payload.sender.login);
}

/** Whether no try follows this one: only then does a triage write with what it could not read for now. */
function lastTry(state: AppState, attempt: number): boolean {
  // Without a retry runner no try is the queue's last: a log failing for now fails the run (an Action's step), leaving good state as it was.
  return state.options.retries && state.store.retries.isLast(attempt);
}

/**
 * A failed triage is tried again later by the app itself, with backoff, whatever the next event on the issue
 * is; not where nobody runs the retries (a one-shot Action run: its failure fails the run instead).
 */
async function retryLater(state: AppState, job: TriageJob, attempt: number, log: Log, err: unknown): Promise<void> {
  if (!state.options.retries) {
    log.error({ err, issue: issueKey(job.ref), delivery: job.delivery, attempt }, "triage failed, not retried (no retry runner)");
    return;
  }
  const scheduled = await state.store.retries.schedule(issueKey(job.ref), job, attempt).catch((e: unknown) => {
    log.error({ err: e, issue: issueKey(job.ref) }, "could not schedule a retry");
    return "lost" as const;
  });
  log.error({ err, issue: issueKey(job.ref), delivery: job.delivery, attempt, retry: scheduled }, "triage failed");
}

/** Triages the job's issue afresh with the installation's client, under the issue's lock; with the config when the caller has just read it. */
async function triageJob(state: AppState, job: TriageJob, attempt: number, config: ConfigResult | null = null): Promise<void> {
  const octokit = (await state.app.auth(job.installation)) as Octokit;
  const identity = await appIdentity(state.app);
  await state.options.inFlight.track(() =>
    state.store.withLock(issueKey(job.ref), LEASE_MS, (lost) => runTriage(state, job, octokit, identity, state.app.log, new Map(), config, lost, attempt)),
  );
}

/**
 * A first try (an event's, or the mirror's), scheduled again when it fails. With a retry runner its job is
 * recorded in the retry queue until it settles (a failure is scheduled first), so that a process killed
 * meanwhile does not lose it: on Redis, another replica or the restarted process runs it once the record's
 * lease is out. Keyed by delivery: two events of one issue keep their own.
 */
function firstTry(state: AppState, job: TriageJob, log: Log, run: () => Promise<void>): Promise<void> {
  const tried = async () => {
    try {
      await run();
    } catch (err) {
      await retryLater(state, job, 1, log, err);
      throw err;
    }
  };
  return state.options.retries ? state.store.retries.whileRecorded(`${issueKey(job.ref)}@${job.delivery}`, job, tried) : tried();
}

/** A retry, claimed from the queue (which holds it until it settles, so it needs no record of its own). */
async function retry(state: AppState, due: DueJob): Promise<void> {
  const job = TriageJob.parse(due.job);
  await triageJob(state, job, due.attempt);
  state.app.log.info({ issue: issueKey(job.ref), attempt: due.attempt }, "retried");
}

/** The app's triage of issues: on their events, and on demand for the issues the mirror writes, whose events are the app's own. */
export interface IssueTriage {
  onEvent(context: IssueEventContext): Promise<void>;
  /** Triages the issue now, under the config the caller has just read; a failure is retried later as an event's is (reading the config again), and thrown. */
  now(job: TriageJob, config: Config): Promise<void>;
}

/** The triage of issues / issue_comment events (quick, quiet exits first, then one triage of the issue at a time) and on demand. */
export function issueTriage(app: Probot, options: AppOptions): IssueTriage {
  const store = options.store(app);
  const state: AppState = { app, options, store, caches: { store, maintainers: new MaintainersCache(), fetches: new FetchCache(), searching: new Map() }, creatingLabels: new Map() };
  if (options.retries) store.retries.consume((due) => retry(state, due));
  const now = (job: TriageJob, config: Config) => firstTry(state, job, app.log, () => triageJob(state, job, 1, { ok: true, config }));
  const onEvent = async (context: IssueEventContext) => {
    const payload = context.payload as unknown as IssuePayload;
    if (payload.issue.pull_request) return;
    const event = readEvent(payload);
    if (!event.matters) return;
    const ref: IssueRef = { ...context.repo(), issue_number: payload.issue.number };
    const before = payload.action === "edited" && payload.comment ? payload.changes?.body?.from : undefined;
    const edited = payload.comment && before !== undefined ? { id: payload.comment.id, before } : null;
    const job: TriageJob = { installation: context.payload.installation?.id ?? 0, ref, repoUrl: payload.repository.html_url, delivery: context.id, edited };
    await firstTry(state, job, context.log, () =>
      store.withLock(issueKey(ref), LEASE_MS, async (lost) => {
        const identity = await appIdentity(app);
        // Its own comments are known without reading the config.
        if (!fromTriagedSender(payload, identity, null)) return;
        const config = await loadConfig(context.octokit, { owner: ref.owner, repo: ref.repo });
        if (fromTriagedSender(payload, identity, config)) await runTriage(state, job, context.octokit, identity, context.log, event.read, config, lost, 1);
      }),
    );
  };
  return { onEvent, now };
}
