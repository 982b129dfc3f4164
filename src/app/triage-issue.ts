import type { Probot } from "probot";
import type { SourceText } from "../analyse/origin.js";
import { isTriaged } from "../analyse/triage.js";
import { applyPlan } from "../github/apply.js";
import { type IssueComment, listComments } from "../github/comments.js";
import { loadConfig } from "../github/config.js";
import { currentLabels } from "../github/labels.js";
import { searchOpenIssues } from "../github/search-issues.js";
import { type AppIdentity, appIdentity } from "../github/identity.js";
import { LookupCache, repositoryLookup } from "../github/lookup.js";
import { MaintainersCache, repositoryMaintainers } from "../github/maintainers-file.js";
import { type IssueEventContext, type IssueRef, issueKey } from "../github/types.js";
import { parseText } from "../parse/index.js";
import { desiredOutcome } from "../plan/desired-state.js";
import { type DesiredState, planActions } from "../plan/plan.js";
import { renderConfigError } from "../render/comment.js";
import { changedTexts, commentOrigin, type IssuePayload, issueOrigin, issueText, labelNames } from "./event-texts.js";
import { KeyedQueue } from "./keyed-queue.js";

/** Comments that someone other than the app wrote, as texts to triage. */
function commentTexts(comments: IssueComment[]): SourceText[] {
  return comments.filter((c) => !c.own).map((c) => ({ origin: commentOrigin(c), text: c.body }));
}

/** Several replicas may each create the comment; keep the oldest, delete the rest. */
async function removeDuplicateComments(context: IssueEventContext, ref: IssueRef, identity: AppIdentity): Promise<void> {
  const own = (await listComments(context.octokit, ref, identity)).filter((c) => c.own);
  for (const extra of own.slice(1)) {
    await context.octokit.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: extra.id });
  }
}

/** Writes what differs from the desired labels and comment, and nothing when nothing does. */
async function writeOutcome(
  context: IssueEventContext,
  ref: IssueRef,
  identity: AppIdentity,
  desired: DesiredState,
  payloadLabels: string[],
  comments: IssueComment[],
): Promise<void> {
  const own = comments.find((c) => c.own);
  const comment = own ? { id: own.id, body: own.body } : null;
  let plan = planActions(desired, { issueLabels: payloadLabels, comment });
  if (plan.addLabels.length > 0) {
    // A redelivered or queued event carries the labels of its time: ask GitHub before writing.
    plan = planActions(desired, { issueLabels: await currentLabels(context.octokit, ref), comment });
  }
  const { commentId } = await applyPlan(context.octokit, ref, plan);
  if (plan.comment?.action === "create" && commentId !== null) await removeDuplicateComments(context, ref, identity);
}

/** What one running app keeps between events: nothing about issues, only serialization and lookup caches. */
interface AppState {
  app: Probot;
  queue: KeyedQueue;
  cache: LookupCache;
  maintainers: MaintainersCache;
}

async function triageIssue(state: AppState, context: IssueEventContext, payload: IssuePayload, ref: IssueRef): Promise<void> {
  const { app } = state;
  const identity = await appIdentity(app);
  // The app's own comments come back as events: never triage them (no loops).
  if (payload.sender.login === identity.login || payload.comment?.performed_via_github_app?.id === identity.id) return;
  const loaded = await loadConfig(context);
  if (!loaded.ok) {
    context.log.warn({ issue: issueKey(ref), delivery: context.id, error: loaded.error }, "invalid .github/syztriage.yml");
    const comments = await listComments(context.octokit, ref, identity);
    await writeOutcome(context, ref, identity, { labels: [], comment: renderConfigError(loaded.error) }, labelNames(payload), comments);
    return;
  }
  const config = loaded.config;
  const sender = { ...issueOrigin(payload), author: payload.sender.login, isBot: payload.sender.type === "Bot" };
  if (!isTriaged(sender, config)) return;

  const comments = await listComments(context.octokit, ref, identity);
  const texts = [issueText(payload), ...commentTexts(comments)];
  const repo = { owner: ref.owner, repo: ref.repo };
  const installation = context.payload.installation?.id ?? 0;
  const lookup = repositoryLookup(context.octokit, repo, installation, state.cache, context.log);
  const outcome = await desiredOutcome(texts, config, {
    maintainers: () => repositoryMaintainers(context.octokit, repo, config.subsystems.maintainers, installation, state.maintainers),
    url: `https://github.com/${ref.owner}/${ref.repo}`,
    issue: ref.issue_number,
    logins: lookup.logins,
    commitExists: async (sha) => (await lookup.commit(sha)).exists,
    openIssues: async (titles) => {
      try {
        return await searchOpenIssues(context.octokit, repo, titles);
      } catch (err) {
        // Search is rate limited hard; a triage without the duplicate hint beats no triage.
        context.log.warn({ err, issue: issueKey(ref) }, "duplicate search failed");
        return [];
      }
    },
  });
  if (outcome.comment === null) return;
  await writeOutcome(context, ref, identity, { labels: outcome.labels, comment: outcome.comment }, labelNames(payload), comments);
}

/** The handler of issues / issue_comment events: quick, quiet exits first, then one serialized triage per issue. */
export function issueEventHandler(app: Probot): (context: IssueEventContext) => Promise<void> {
  const state: AppState = { app, queue: new KeyedQueue(), cache: new LookupCache(), maintainers: new MaintainersCache() };
  return async (context) => {
    const payload = context.payload as unknown as IssuePayload;
    if (payload.issue.pull_request) return;
    if (!changedTexts(payload).some((text) => parseText(text).reports.length > 0)) return;
    const ref: IssueRef = { ...context.repo(), issue_number: payload.issue.number };
    try {
      await state.queue.run(issueKey(ref), () => triageIssue(state, context, payload, ref));
    } catch (err) {
      context.log.error({ err, issue: issueKey(ref), delivery: context.id }, "triage failed; the next event on this issue retries it");
      throw err;
    }
  };
}
