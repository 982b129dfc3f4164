import type { Plan } from "../plan/plan.js";
import type { IssueRef, Octokit } from "./types.js";
import { httpStatus } from "./http-status.js";


/** Carries out a plan; labels first, so a failure leaves at worst labels without the comment that the next event adds. */
export async function applyPlan(octokit: Octokit, ref: IssueRef, plan: Plan): Promise<{ commentId: number | null }> {
  const repo = { owner: ref.owner, repo: ref.repo };
  for (const label of plan.createLabels) {
    try {
      await octokit.rest.issues.createLabel({ ...repo, ...label });
    } catch (err) {
      // 422: the label exists already (perhaps with a color a person chose), which is fine.
      if (httpStatus(err) !== 422) throw err;
    }
  }
  if (plan.addLabels.length > 0) await octokit.rest.issues.addLabels({ ...ref, labels: plan.addLabels });
  for (const name of plan.removeLabels) {
    try {
      await octokit.rest.issues.removeLabel({ ...ref, name });
    } catch (err) {
      // 404: someone removed it first.
      if (httpStatus(err) !== 404) throw err;
    }
  }
  if (!plan.comment) return { commentId: null };
  if (plan.comment.action === "update") {
    await octokit.rest.issues.updateComment({ ...repo, comment_id: plan.comment.id, body: plan.comment.body });
    return { commentId: plan.comment.id };
  }
  const { data } = await octokit.rest.issues.createComment({ ...ref, body: plan.comment.body });
  return { commentId: data.id };
}
