import type { Context, ProbotOctokit } from "probot";

export type Octokit = ProbotOctokit;
export type IssueEventContext = Context<"issues" | "issue_comment">;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** The issue an event is about. */
export interface IssueRef extends RepoRef {
  issue_number: number;
}

export function issueKey(ref: IssueRef): string {
  return `${ref.owner}/${ref.repo}#${ref.issue_number}`;
}

/** The parts of an issue the app reads, as webhooks and the REST API both give them. */
export interface IssueData {
  number: number;
  title?: string;
  body?: string | null;
  html_url: string;
  user: { login: string; type?: string } | null;
  author_association: string;
  labels?: ({ name?: string } | string)[];
  pull_request?: unknown;
}
