import { z } from "zod";
import type { Plan } from "../decide/plan.js";
import { sharedRun, type TtlCache } from "../store/index.js";
import { httpStatus } from "./http-status.js";
import type { IssueRef, Octokit, RepoRef } from "./types.js";

/** A label exists; it may be renamed or deleted, so this is asked again after a day. */
const LABEL_TTL_MS = 24 * 60 * 60 * 1000;
const Exists = z.literal(true);

/** Labels known to exist (per installation, shared by replicas), and the creations under way in this process (a repository belongs to one installation). */
export interface KnownLabels {
  known: TtlCache;
  creating: Map<string, Promise<void>>;
}

async function createLabel(octokit: Octokit, repo: RepoRef, label: Plan["createLabels"][number], labels: KnownLabels): Promise<void> {
  const key = `${repo.owner}/${repo.repo}:${label.name.toLowerCase()}`;
  if (await labels.known.get(key, Exists)) return;
  // Issues of one repository triaged together create a new label once.
  await sharedRun(labels.creating, key, async () => {
    try {
      await octokit.rest.issues.createLabel({ ...repo, ...label });
    } catch (err) {
      // 422: the label exists already (perhaps with a color a person chose), which is fine.
      if (httpStatus(err) !== 422) throw err;
    }
    await labels.known.set(key, true, LABEL_TTL_MS);
  });
}

/**
 * Carries out a plan: the app's only writer. Labels first, so a failure leaves
 * at worst labels without the comment (which the retried triage adds), then the
 * comment, which records the state; reactions and replies last.
 */
export async function applyPlan(octokit: Octokit, ref: IssueRef, plan: Plan, labels: KnownLabels, onSideFailure: (err: unknown) => void): Promise<void> {
  const repo = { owner: ref.owner, repo: ref.repo };
  for (const label of plan.createLabels) await createLabel(octokit, repo, label, labels);
  if (plan.addLabels.length > 0) await octokit.rest.issues.addLabels({ ...ref, labels: plan.addLabels });
  for (const name of plan.removeLabels) {
    try {
      await octokit.rest.issues.removeLabel({ ...ref, name });
    } catch (err) {
      // 404: someone removed it first.
      if (httpStatus(err) !== 404) throw err;
    }
  }
  if (plan.comment?.action === "update") await octokit.rest.issues.updateComment({ ...repo, comment_id: plan.comment.id, body: plan.comment.body });
  if (plan.comment?.action === "create") await octokit.rest.issues.createComment({ ...ref, body: plan.comment.body });
  for (const id of plan.deleteComments) {
    try {
      await octokit.rest.issues.deleteComment({ ...repo, comment_id: id });
    } catch (err) {
      // 404: another replica deleted it first.
      if (httpStatus(err) !== 404) throw err;
    }
  }
  // Best effort: the comment already records that these commands were handled, so a retry would not redo them.
  try {
    for (const id of plan.reactions) await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: id, content: "+1" });
    for (const body of plan.replies) await octokit.rest.issues.createComment({ ...ref, body });
  } catch (err) {
    onSideFailure(err);
  }
}
