import type { Octokit, RepoRef } from "../github/types.js";
import type { MirroredIssue } from "./plan.js";

/**
 * The mirror's GitHub calls. Its issues are found by a listing, not a search: the search index lags
 * behind a new issue, a listing by creator does not (or far less), and only issues the app opened
 * are listed (whose marker the app wrote; anyone can type a marker into an issue of their own).
 */
export interface MirrorIssues {
  /** The issues `login` opened, open and closed. */
  list(): Promise<MirroredIssue[]>;
  /** The issue's body as it is now. */
  body(issue: number): Promise<string>;
  /** Opens an issue; its number. */
  open(title: string, body: string): Promise<number>;
  setBody(issue: number, body: string): Promise<void>;
  /** Closes the issue as completed with its new body, then says why in a comment. */
  close(issue: number, body: string, comment: string): Promise<void>;
}

interface ListedIssue {
  number: number;
  state: string;
  body?: string | null;
  user: { login: string } | null;
  pull_request?: unknown;
}

/** The calls the mirror makes: the app's client has them, and so has @octokit/rest's for the CLI. */
type IssuesClient = Pick<Octokit, "paginate"> & { rest: { issues: Pick<Octokit["rest"]["issues"], "listForRepo" | "get" | "create" | "update" | "createComment"> } };

export function mirrorIssues(octokit: IssuesClient, repo: RepoRef, login: string): MirrorIssues {
  return {
    async list() {
      const listed = (await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, creator: login, state: "all", per_page: 100 })) as ListedIssue[];
      return listed
        .filter((i) => !i.pull_request && i.user?.login === login)
        .map((i) => ({ number: i.number, open: i.state === "open", body: i.body ?? "" }));
    },
    async body(issue) {
      const { data } = await octokit.rest.issues.get({ ...repo, issue_number: issue });
      return data.body ?? "";
    },
    async open(title, body) {
      const { data } = await octokit.rest.issues.create({ ...repo, title, body });
      return data.number;
    },
    async setBody(issue, body) {
      await octokit.rest.issues.update({ ...repo, issue_number: issue, body });
    },
    async close(issue, body, comment) {
      // One write closes and records the close in the marker: a failed comment cannot make the next run close again.
      await octokit.rest.issues.update({ ...repo, issue_number: issue, body, state: "closed", state_reason: "completed" });
      await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body: comment });
    },
  };
}
