import { Association } from "../config/schema.js";
import type { IssueData } from "../github/types.js";
import type { SourceText, TextOrigin } from "../analyse/origin.js";

/** The parts of an issues / issue_comment payload the app reads. */
export interface IssuePayload {
  action: string;
  issue: IssueData;
  repository: { html_url: string };
  comment?: {
    id: number;
    body?: string | null;
    html_url: string;
    user: { login: string; type?: string } | null;
    author_association: string;
    performed_via_github_app?: { id?: number } | null;
  };
  changes?: { body?: { from?: string } };
  sender: { login: string; type?: string };
}

function association(value: string): Association {
  const parsed = Association.safeParse(value);
  return parsed.success ? parsed.data : "NONE";
}

function issueOrigin(issue: IssueData): TextOrigin {
  const user = issue.user;
  return {
    kind: "issue",
    id: issue.number,
    author: user?.login ?? "ghost",
    association: association(issue.author_association),
    isBot: user?.type === "Bot",
    url: issue.html_url,
  };
}

export function commentOrigin(comment: { id: number; login: string; userType: string; association: string; url: string }): TextOrigin {
  return {
    kind: "comment",
    id: comment.id,
    author: comment.login,
    association: association(comment.association),
    isBot: comment.userType === "Bot",
    url: comment.url,
  };
}

/** The texts this event changed: only these decide whether the event matters at all. */
export function changedTexts(payload: IssuePayload): string[] {
  const now = payload.comment ? payload.comment.body : payload.issue.body;
  return [now ?? "", payload.changes?.body?.from ?? ""].filter((t) => t.length > 0);
}

/** The issue body as a source text. */
export function issueText(issue: IssueData): SourceText {
  return { origin: issueOrigin(issue), text: issue.body ?? "" };
}

export function labelNames(issue: IssueData): string[] {
  return (issue.labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean);
}
