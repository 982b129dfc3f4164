import type { Probot } from "probot";
import type { ConfigResult } from "../config/load.js";
import { DEFAULT_CONFIG } from "../config/schema.js";
import { isTriaged } from "../decide/authors.js";
import { decide } from "../decide/decide.js";
import { isEmpty, type Plan } from "../decide/plan.js";
import { FetchCache } from "../fetch/index.js";
import { applyPlan, type KnownLabels } from "../github/apply.js";
import { BoundedCache } from "../github/bounded-cache.js";
import { loadConfig } from "../github/config.js";
import { type AppIdentity, appIdentity, isOwnComment } from "../github/identity.js";
import { LookupCache } from "../github/lookup.js";
import { MaintainersCache } from "../github/maintainers-file.js";
import { PermissionCache } from "../github/permissions.js";
import { type Caches, githubReader } from "../github/reader.js";
import { type IssueEventContext, type IssueRef, issueKey, type Octokit } from "../github/types.js";
import type { ParseResult } from "../parse/schema.js";
import type { IssuePayload } from "./event-texts.js";
import { readEvent } from "./event-relevance.js";
import { gatherFacts } from "./gather.js";
import { KeyedQueue } from "./keyed-queue.js";
import type { ReadText } from "./read-off-thread.js";

/** What one running app keeps between events: nothing about issues, only serialization and caches of GitHub's answers. */
interface AppState {
  app: Probot;
  readLog: ReadText;
  queue: KeyedQueue;
  caches: Caches;
  labels: KnownLabels;
}

/** How the app is run: what the server, the Action and the tests choose. */
export interface AppOptions {
  /** How fetched logs are read: in a worker thread on a server, inline elsewhere. */
  readLog: ReadText;
}

/** One issue to triage, as plain data: an event's, or a failed triage's to try again. */
export interface TriageJob {
  installation: number;
  ref: IssueRef;
  repoUrl: string;
  /** The delivery that asked for it, for the logs. */
  delivery: string;
}

interface Log {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
}

/** Labels a repository has, remembered for a day: creating one that exists costs a request and a 422. */
function knownLabels(): KnownLabels {
  const cache = new BoundedCache<string, true>(20_000, 24 * 60 * 60 * 1000);
  return { has: (key) => cache.get(key) === true, add: (key) => cache.set(key, true) };
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
): Promise<void> {
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
    readLog: state.readLog,
  });
  const facts = await gatherFacts(reader, config, known);
  const plan = decide(facts);
  if (!isEmpty(plan)) {
    await applyPlan(octokit, ref, plan, state.labels, (err) => log.warn({ err, issue: issueKey(ref), delivery: job.delivery }, "could not acknowledge a command"));
  }
  const outcome = { issue: issueKey(ref), delivery: job.delivery, ms: Math.round(performance.now() - started), writes: writes(plan), labels: plan.outcome.labels };
  log.info(config.ok ? outcome : { ...outcome, configError: config.error }, "triaged");
}

/** Whether the app acts on this event's sender: never itself (no loops), bots only when the config allows them. */
function fromTriagedSender(payload: IssuePayload, identity: AppIdentity, config: ConfigResult): boolean {
  if (payload.sender.login === identity.login || (payload.comment && isOwnComment(payload.comment, identity))) return false;
  return !config.ok || isTriaged({ author: payload.sender.login, isBot: payload.sender.type === "Bot" }, config.config);
}

/** The handler of issues / issue_comment events: quick, quiet exits first, then one serialized triage per issue. */
export function issueEventHandler(app: Probot, options: AppOptions): (context: IssueEventContext) => Promise<void> {
  const state: AppState = {
    app,
    readLog: options.readLog,
    queue: new KeyedQueue(),
    caches: { lookups: new LookupCache(), maintainers: new MaintainersCache(), permissions: new PermissionCache(), fetches: new FetchCache() },
    labels: knownLabels(),
  };
  return async (context) => {
    const payload = context.payload as unknown as IssuePayload;
    if (payload.issue.pull_request) return;
    const event = readEvent(payload);
    if (!event.matters) return;
    const ref: IssueRef = { ...context.repo(), issue_number: payload.issue.number };
    const job: TriageJob = { installation: context.payload.installation?.id ?? 0, ref, repoUrl: payload.repository.html_url, delivery: context.id };
    try {
      await state.queue.run(issueKey(ref), async () => {
        const identity = await appIdentity(state.app);
        // Its own comments are known without reading the config.
        if (!fromTriagedSender(payload, identity, { ok: false, error: "" })) return;
        const config = await loadConfig(context.octokit, { owner: ref.owner, repo: ref.repo });
        if (fromTriagedSender(payload, identity, config)) await runTriage(state, job, context.octokit, identity, context.log, event.read, config);
      });
    } catch (err) {
      context.log.error({ err, issue: issueKey(ref), delivery: context.id }, "triage failed");
      throw err;
    }
  };
}
