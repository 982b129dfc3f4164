import type { Probot } from "probot";
import type { SourceText } from "../analyse/origin.js";
import { isTriaged } from "../analyse/triage.js";
import { FetchCache } from "../fetch/index.js";
import { applyPlan } from "../github/apply.js";
import { type IssueComment, listComments } from "../github/comments.js";
import { loadConfig } from "../github/config.js";
import { type AppIdentity, appIdentity } from "../github/identity.js";
import { currentLabels } from "../github/labels.js";
import { LookupCache, repositoryLookup } from "../github/lookup.js";
import { MaintainersCache, repositoryMaintainers } from "../github/maintainers-file.js";
import { canWrite, PermissionCache } from "../github/permissions.js";
import { searchOpenIssues } from "../github/search-issues.js";
import { type IssueEventContext, type IssueRef, issueKey } from "../github/types.js";
import { desiredOutcome } from "../plan/desired-state.js";
import { type DesiredState, planActions } from "../plan/plan.js";
import { COMMENT_MARKER, renderConfigError, renderRefusal } from "../render/comment.js";
import { attachedLogs } from "./attached-logs.js";
import { commentOrigin, type IssuePayload, issueOrigin, issueText, labelNames } from "./event-texts.js";
import { eventMatters } from "./event-relevance.js";
import { handleCommands } from "./issue-commands.js";
import { KeyedQueue } from "./keyed-queue.js";

/** What one running app keeps between events: nothing about issues, only serialization and caches of GitHub answers. */
interface AppState {
  app: Probot;
  queue: KeyedQueue;
  lookups: LookupCache;
  maintainers: MaintainersCache;
  permissions: PermissionCache;
  fetches: FetchCache;
}

/** The app's summary comment: its own comment that starts with the marker (its replies do not). */
function isSummary(comment: IssueComment): boolean {
  return comment.own && comment.body.startsWith(COMMENT_MARKER);
}

/** Comments that someone other than the app wrote, as texts to triage. */
function commentTexts(comments: IssueComment[]): SourceText[] {
  return comments.filter((c) => !c.own).map((c) => ({ origin: commentOrigin(c), text: c.body }));
}

/** Several replicas may each create the comment; keep the oldest, delete the rest. */
async function removeDuplicateSummaries(context: IssueEventContext, ref: IssueRef, identity: AppIdentity): Promise<void> {
  const summaries = (await listComments(context.octokit, ref, identity)).filter(isSummary);
  for (const extra of summaries.slice(1)) {
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
  summary: IssueComment | null,
): Promise<void> {
  const comment = summary ? { id: summary.id, body: summary.body } : null;
  let plan = planActions(desired, { issueLabels: payloadLabels, comment });
  if (plan.addLabels.length > 0 || (desired.removeLabels ?? []).length > 0) {
    // A redelivered or queued event carries the labels of its time: ask GitHub before writing.
    plan = planActions(desired, { issueLabels: await currentLabels(context.octokit, ref), comment });
  }
  const { commentId } = await applyPlan(context.octokit, ref, plan);
  if (plan.comment?.action === "create" && commentId !== null) await removeDuplicateSummaries(context, ref, identity);
}

/** A +1 on each comment whose commands ran, one short reply to each refused one. Best effort: the decision is already recorded. */
async function acknowledgeCommands(context: IssueEventContext, ref: IssueRef, ran: number[], refused: { id: number; login: string }[]) {
  const repo = { owner: ref.owner, repo: ref.repo };
  try {
    for (const id of ran) await context.octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: id, content: "+1" });
    for (const { login } of refused) await context.octokit.rest.issues.createComment({ ...ref, body: renderRefusal(login) });
  } catch (err) {
    context.log.warn({ err, issue: issueKey(ref) }, "could not acknowledge a command");
  }
}

async function triageIssue(state: AppState, context: IssueEventContext, payload: IssuePayload, ref: IssueRef): Promise<void> {
  const identity = await appIdentity(state.app);
  // The app's own comments come back as events: never triage them (no loops).
  if (payload.sender.login === identity.login || payload.comment?.performed_via_github_app?.id === identity.id) return;
  const loaded = await loadConfig(context);
  if (!loaded.ok) {
    context.log.warn({ issue: issueKey(ref), delivery: context.id, error: loaded.error }, "invalid .github/syztriage.yml");
    const summary = (await listComments(context.octokit, ref, identity)).find(isSummary) ?? null;
    await writeOutcome(context, ref, identity, { labels: [], comment: renderConfigError(loaded.error) }, labelNames(payload), summary);
    return;
  }
  const config = loaded.config;
  const sender = { ...issueOrigin(payload), author: payload.sender.login, isBot: payload.sender.type === "Bot" };
  if (!isTriaged(sender, config)) return;

  const repo = { owner: ref.owner, repo: ref.repo };
  const installation = context.payload.installation?.id ?? 0;
  const comments = await listComments(context.octokit, ref, identity);
  const summary = comments.find(isSummary) ?? null;
  const texts = [issueText(payload), ...commentTexts(comments)].filter((t) => isTriaged(t.origin, config));
  const attached = await attachedLogs(texts, config.fetch, state.fetches);
  const commands = await handleCommands(comments, summary?.body ?? null, (login) =>
    canWrite(context.octokit, repo, login, installation, state.permissions),
  );
  const lookup = repositoryLookup(context.octokit, repo, installation, state.lookups, context.log);
  const outcome = await desiredOutcome({
    texts: [...texts, ...attached.texts],
    config,
    problems: attached.problems,
    commands,
    repository: {
      url: `https://github.com/${ref.owner}/${ref.repo}`,
      issue: ref.issue_number,
      logins: lookup.logins,
      commitExists: async (sha) => (await lookup.commit(sha)).exists,
      maintainers: () => repositoryMaintainers(context.octokit, repo, config.subsystems.maintainers, installation, state.maintainers),
      openIssues: async (titles) => {
        try {
          return await searchOpenIssues(context.octokit, repo, titles);
        } catch (err) {
          // Search is rate limited hard; a triage without the duplicate hint beats no triage.
          context.log.warn({ err, issue: issueKey(ref) }, "duplicate search failed");
          return [];
        }
      },
    },
  });
  // Commands only steer an issue the app triages.
  if (outcome.comment === null) return;
  await writeOutcome(context, ref, identity, { labels: outcome.labels, removeLabels: outcome.removeLabels, comment: outcome.comment }, labelNames(payload), summary);
  await acknowledgeCommands(context, ref, commands.ran, commands.refused);
}

/** The handler of issues / issue_comment events: quick, quiet exits first, then one serialized triage per issue. */
export function issueEventHandler(app: Probot): (context: IssueEventContext) => Promise<void> {
  const state: AppState = {
    app,
    queue: new KeyedQueue(),
    lookups: new LookupCache(),
    maintainers: new MaintainersCache(),
    permissions: new PermissionCache(),
    fetches: new FetchCache(),
  };
  return async (context) => {
    const payload = context.payload as unknown as IssuePayload;
    if (payload.issue.pull_request || !eventMatters(payload)) return;
    const ref: IssueRef = { ...context.repo(), issue_number: payload.issue.number };
    try {
      await state.queue.run(issueKey(ref), () => triageIssue(state, context, payload, ref));
    } catch (err) {
      context.log.error({ err, issue: issueKey(ref), delivery: context.id }, "triage failed; the next event on this issue retries it");
      throw err;
    }
  };
}
