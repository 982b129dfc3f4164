import type { Probot } from "probot";
import type { SourceText } from "../analyse/origin.js";
import { isTriaged, readTexts } from "../analyse/triage.js";
import { EMPTY_STATE } from "../commands/index.js";
import { FetchCache } from "../fetch/index.js";
import { applyPlan } from "../github/apply.js";
import { type IssueComment, listComments } from "../github/comments.js";
import { loadConfig } from "../github/config.js";
import { httpStatus } from "../github/http-status.js";
import { type AppIdentity, appIdentity, isOwnComment } from "../github/identity.js";
import { readIssue } from "../github/issue.js";
import { LookupCache, repositoryLookup } from "../github/lookup.js";
import { MaintainersCache, repositoryMaintainers } from "../github/maintainers-file.js";
import { canWrite, PermissionCache } from "../github/permissions.js";
import { searchOpenIssues } from "../github/search-issues.js";
import { type IssueEventContext, type IssueRef, issueKey } from "../github/types.js";
import { desiredOutcome } from "../plan/desired-state.js";
import { type DesiredState, planActions } from "../plan/plan.js";
import { renderConfigError, renderGone, renderRefusal } from "../render/comment.js";
import { type CommentHeader, readCommentHeader } from "../render/comment-header.js";
import { attachedLogs } from "./attached-logs.js";
import type { ParseResult } from "../parse/schema.js";
import { commentOrigin, type IssuePayload, issueText, labelNames } from "./event-texts.js";
import { readEvent } from "./event-relevance.js";
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

/** The app's summary comment: its own comment that starts with the header (its replies do not). */
function isSummary(comment: IssueComment): boolean {
  return comment.own && readCommentHeader(comment.body) !== null;
}

/** Comments that someone other than the app wrote, as texts to triage. */
function commentTexts(comments: IssueComment[]): SourceText[] {
  return comments.filter((c) => !c.own).map((c) => ({ origin: commentOrigin(c), text: c.body }));
}

/** Several replicas may each create the comment; keep the oldest, delete the rest. */
async function removeDuplicateSummaries(context: IssueEventContext, ref: IssueRef, identity: AppIdentity): Promise<void> {
  const summaries = (await listComments(context.octokit, ref, identity)).filter(isSummary);
  for (const extra of summaries.slice(1)) {
    try {
      await context.octokit.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: extra.id });
    } catch (err) {
      // 404: the other replica deleted it first.
      if (httpStatus(err) !== 404) throw err;
    }
  }
}

/** Writes what differs from the desired labels and comment, and nothing when nothing does. */
async function writeOutcome(
  context: IssueEventContext,
  ref: IssueRef,
  identity: AppIdentity,
  desired: DesiredState,
  issueLabels: string[],
  summary: IssueComment | null,
): Promise<void> {
  const plan = planActions(desired, { issueLabels, comment: summary ? { id: summary.id, body: summary.body } : null });
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

async function triageIssue(
  state: AppState,
  context: IssueEventContext,
  payload: IssuePayload,
  ref: IssueRef,
  known: ReadonlyMap<string, ParseResult>,
): Promise<void> {
  const identity = await appIdentity(state.app);
  // The app's own comments come back as events: never triage them (no loops).
  if (payload.sender.login === identity.login || (payload.comment && isOwnComment(payload.comment, identity))) return;
  const loaded = await loadConfig(context);
  const sender = { author: payload.sender.login, isBot: payload.sender.type === "Bot" };
  if (loaded.ok && !isTriaged(sender, loaded.config)) return;
  const comments = await listComments(context.octokit, ref, identity);
  const summary = comments.find(isSummary) ?? null;
  const header: CommentHeader | null = summary ? readCommentHeader(summary.body) : null;
  if (!loaded.ok) {
    context.log.warn({ issue: issueKey(ref), delivery: context.id, error: loaded.error }, "invalid .github/syztriage.yml");
    const body = renderConfigError(loaded.error, header?.state ?? EMPTY_STATE, header?.through ?? 0);
    await writeOutcome(context, ref, identity, { labels: [], comment: body }, [], summary);
    return;
  }
  const config = loaded.config;

  const repo = { owner: ref.owner, repo: ref.repo };
  const installation = context.payload.installation?.id ?? 0;
  const issue = await readIssue(context.octokit, ref);
  const commands = await handleCommands(comments, header, (login) => canWrite(context.octokit, repo, login, installation, state.permissions));
  // `#syztriage retriage` asks again what the caches remember (commits, linked logs).
  const lookups = commands.retriage ? new LookupCache() : state.lookups;
  const fetches = commands.retriage ? new FetchCache() : state.fetches;
  const texts = readTexts([issueText(issue), ...commentTexts(comments)], config, known);
  const attached = await attachedLogs(texts, config, fetches);
  const lookup = repositoryLookup(context.octokit, repo, installation, lookups);
  const outcome = await desiredOutcome({
    texts: [...texts, ...attached.texts],
    config,
    problems: attached.problems,
    commands,
    repository: {
      url: payload.repository.html_url,
      issue: ref.issue_number,
      logins: lookup.logins,
      commitExists: async (sha) => (await lookup.commit(sha)).exists,
      maintainers: () => repositoryMaintainers(context.octokit, repo, config.subsystems.maintainers, installation, state.maintainers),
      openIssues: (titles) => searchOpenIssues(context.octokit, repo, titles),
    },
  });
  // Commands only steer an issue the app triages; a summary whose reports were edited away says so.
  const comment = outcome.comment ?? (summary ? renderGone(commands.state, commands.through) : null);
  if (comment === null) return;
  const desired = { labels: outcome.labels, removeLabels: outcome.removeLabels, comment };
  await writeOutcome(context, ref, identity, desired, labelNames(issue), summary);
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
    if (payload.issue.pull_request) return;
    const event = readEvent(payload);
    if (!event.matters) return;
    const ref: IssueRef = { ...context.repo(), issue_number: payload.issue.number };
    try {
      await state.queue.run(issueKey(ref), () => triageIssue(state, context, payload, ref, event.read));
    } catch (err) {
      context.log.error({ err, issue: issueKey(ref), delivery: context.id }, "triage failed; the next event on this issue retries it");
      throw err;
    }
  };
}
