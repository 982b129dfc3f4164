import type { IssueData } from "../github/types.js";

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

/** The texts this event changed: only these decide whether the event matters at all. */
export function changedTexts(payload: IssuePayload): string[] {
  const now = payload.comment ? payload.comment.body : payload.issue.body;
  return [now ?? "", payload.changes?.body?.from ?? ""].filter((t) => t.length > 0);
}
