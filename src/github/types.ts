import type { Context, ProbotOctokit } from "probot";

export type Octokit = ProbotOctokit;
export type IssueEventContext = Context<"issues" | "issue_comment">;

/** The issue an event is about. */
export interface IssueRef {
  owner: string;
  repo: string;
  issue_number: number;
}

export function issueKey(ref: IssueRef): string {
  return `${ref.owner}/${ref.repo}#${ref.issue_number}`;
}
