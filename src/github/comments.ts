import type { AppIdentity } from "./identity.js";
import { isOwnComment } from "./identity.js";
import type { IssueRef, Octokit } from "./types.js";

export interface IssueComment {
  id: number;
  body: string;
  login: string;
  userType: string;
  association: string;
  url: string;
  own: boolean;
  createdAt: string;
}

/** Every comment of the issue, oldest first, each marked as the app's own or not. */
export async function listComments(octokit: Octokit, ref: IssueRef, identity: AppIdentity): Promise<IssueComment[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...ref, per_page: 100 });
  return comments.map((c) => ({
    id: c.id,
    body: c.body ?? "",
    login: c.user?.login ?? "",
    userType: c.user?.type ?? "User",
    association: c.author_association,
    url: c.html_url,
    own: isOwnComment(c, identity),
    createdAt: c.created_at,
  }));
}
