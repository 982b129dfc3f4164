import type { IssueRef, Octokit } from "./types.js";

/** The issue's labels as they are now (a payload's list is as old as its event). */
export async function currentLabels(octokit: Octokit, ref: IssueRef): Promise<string[]> {
  const labels = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { ...ref, per_page: 100 });
  return labels.map((l) => l.name);
}
