import type { Probot } from "probot";
import { isTriaged } from "../decide/authors.js";
import { decide } from "../decide/decide.js";
import { isEmpty, type Plan } from "../decide/plan.js";
import { FetchCache } from "../fetch/index.js";
import { applyPlan, type KnownLabels } from "../github/apply.js";
import { loadConfig } from "../github/config.js";
import { appIdentity, isOwnComment } from "../github/identity.js";
import { LookupCache } from "../github/lookup.js";
import { MaintainersCache } from "../github/maintainers-file.js";
import { PermissionCache } from "../github/permissions.js";
import { type Caches, githubReader } from "../github/reader.js";
import { BoundedCache } from "../github/bounded-cache.js";
import { type IssueEventContext, type IssueRef, issueKey } from "../github/types.js";
import { DEFAULT_CONFIG } from "../config/schema.js";
import type { ParseResult } from "../parse/schema.js";
import type { IssuePayload } from "./event-texts.js";
import { readEvent } from "./event-relevance.js";
import { gatherFacts } from "./gather.js";
import { KeyedQueue } from "./keyed-queue.js";

/** What one running app keeps between events: nothing about issues, only serialization and caches of GitHub's answers. */
interface AppState {
  app: Probot;
  queue: KeyedQueue;
  caches: Caches;
  labels: KnownLabels;
}

/** Labels a repository has, remembered for a day: creating one that exists costs a request and a 422. */
function knownLabels(): KnownLabels {
  const cache = new BoundedCache<string, true>(20_000, 24 * 60 * 60 * 1000);
  return { has: (key) => cache.get(key) === true, add: (key) => cache.set(key, true) };
}

function writes(plan: Plan): number {
  return (
    plan.createLabels.length +
    (plan.addLabels.length > 0 ? 1 : 0) +
    plan.removeLabels.length +
    (plan.comment ? 1 : 0) +
    plan.deleteComments.length +
    plan.reactions.length +
    plan.replies.length
  );
}

/** One triage: gather every fact, decide the whole plan, write it. */
async function triageIssue(state: AppState, context: IssueEventContext, payload: IssuePayload, ref: IssueRef, known: ReadonlyMap<string, ParseResult>): Promise<void> {
  const started = performance.now();
  const identity = await appIdentity(state.app);
  // The app's own comments come back as events: never triage them (no loops).
  if (payload.sender.login === identity.login || (payload.comment && isOwnComment(payload.comment, identity))) return;
  const config = await loadConfig(context);
  const sender = { author: payload.sender.login, isBot: payload.sender.type === "Bot" };
  if (config.ok && !isTriaged(sender, config.config)) return;
  const reader = githubReader({
    octokit: context.octokit,
    ref,
    repoUrl: payload.repository.html_url,
    installation: context.payload.installation?.id ?? 0,
    identity,
    config: config.ok ? config.config : DEFAULT_CONFIG,
    caches: state.caches,
  });
  const facts = await gatherFacts(reader, config, known);
  const plan = decide(facts);
  if (!isEmpty(plan)) {
    await applyPlan(context.octokit, ref, plan, state.labels, (err) =>
      context.log.warn({ err, issue: issueKey(ref), delivery: context.id }, "could not acknowledge a command"),
    );
  }
  context.log.info(
    {
      issue: issueKey(ref),
      delivery: context.id,
      ms: Math.round(performance.now() - started),
      writes: writes(plan),
      labels: plan.outcome.labels,
      ...(config.ok ? {} : { configError: config.error }),
    },
    "triaged",
  );
}

/** The handler of issues / issue_comment events: quick, quiet exits first, then one serialized triage per issue. */
export function issueEventHandler(app: Probot): (context: IssueEventContext) => Promise<void> {
  const state: AppState = {
    app,
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
    try {
      await state.queue.run(issueKey(ref), () => triageIssue(state, context, payload, ref, event.read));
    } catch (err) {
      context.log.error({ err, issue: issueKey(ref), delivery: context.id }, "triage failed");
      throw err;
    }
  };
}
