import type { IssueData, IssueRef, Octokit } from "./types.js";

/** The issue as it is now: a redelivered or queued event's payload may hold an older body and older labels. */
export async function readIssue(octokit: Octokit, ref: IssueRef): Promise<IssueData> {
  const { data } = await octokit.rest.issues.get({ ...ref });
  return data as IssueData;
}
