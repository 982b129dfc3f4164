import type { IssueSummary } from "../analyse/duplicates.js";
import type { SourceText } from "../analyse/origin.js";
import type { Reader } from "../app/gather.js";
import { Association, type Config } from "../config/schema.js";
import { maintainersLocation } from "../config/maintainers-location.js";
import type { CommentFacts } from "../decide/facts.js";
import { FetchCache, fetchLogs, fetchRules } from "../fetch/index.js";
import { listComments } from "./comments.js";
import type { AppIdentity } from "./identity.js";
import { readIssue } from "./issue.js";
import type { Store } from "../store/index.js";
import { type LookupCaches, readCommit, userByEmail } from "./lookup.js";
import { type MaintainersCache, readMaintainers } from "./maintainers-file.js";
import { readLabelHistory } from "./label-history.js";
import { canWrite } from "./permissions.js";
import { searchOpenIssues } from "./search-issues.js";
import type { IssueData, IssueRef, Octokit } from "./types.js";

/**
 * What one running app keeps between events: caches of GitHub's answers
 * (shared by replicas through the store; the big ones, MAINTAINERS and fetched
 * logs, in this process), never anything about an issue.
 */
export interface Caches {
  store: Store;
  maintainers: MaintainersCache;
  fetches: FetchCache;
  /** User searches under way in this process. */
  searching: Map<string, Promise<string | null>>;
}

function association(value: string): Association {
  const parsed = Association.safeParse(value);
  return parsed.success ? parsed.data : "NONE";
}

function issueText(issue: IssueData): SourceText {
  const user = issue.user;
  return {
    origin: { kind: "issue", id: issue.number, author: user?.login ?? "ghost", association: association(issue.author_association), isBot: user?.type === "Bot", url: issue.html_url },
    text: issue.body ?? "",
  };
}

function labelNames(issue: IssueData): string[] {
  return (issue.labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean);
}

/** The kernel tree the project follows: `kernel.tree`, else the issue's own repository. */
function kernelTree(config: Config, ref: IssueRef, repoUrl: string): { owner: string; repo: string; htmlUrl: string } {
  if (config.kernel.tree === "") return { owner: ref.owner, repo: ref.repo, htmlUrl: repoUrl };
  const [owner = "", repo = ""] = config.kernel.tree.split("/");
  return { owner, repo, htmlUrl: `${new URL(repoUrl).origin}/${owner}/${repo}` };
}

/** The app's reads of one issue, through the installation's client and the app's caches. */
export function githubReader(input: {
  octokit: Octokit;
  ref: IssueRef;
  repoUrl: string;
  installation: number;
  identity: AppIdentity;
  config: Config;
  caches: Caches;
  readLog: Reader["readLog"];
}): Reader {
  const { octokit, ref, installation, config, caches } = input;
  const lookups: LookupCaches = {
    commits: caches.store.cache(installation, "commits"),
    emails: caches.store.cache(installation, "emails"),
    searching: caches.searching,
    installation,
    fresh: false,
  };
  let fetches = caches.fetches;
  const repo = { owner: ref.owner, repo: ref.repo };
  const tree = kernelTree(config, ref, input.repoUrl);
  return {
    async issue() {
      const issue = await readIssue(octokit, ref);
      const own = issue.user?.login === input.identity.login;
      return { number: issue.number, title: issue.title ?? "", labels: labelNames(issue), text: issueText(issue), own };
    },
    async comments() {
      const listed = await listComments(octokit, ref, input.identity);
      return listed.map((c): CommentFacts & { text: SourceText } => ({
        id: c.id,
        body: c.body,
        login: c.login,
        isBot: c.userType === "Bot",
        own: c.own,
        createdAt: c.createdAt,
        text: {
          origin: { kind: "comment", id: c.id, author: c.login, association: association(c.association), isBot: c.userType === "Bot", url: c.url },
          text: c.body,
        },
      }));
    },
    mayWrite: (login) => canWrite(octokit, repo, login, caches.store.cache(installation, "permissions")),
    fetchLogs: (links) =>
      fetchLogs(links, { ...fetchRules(config.fetch), cache: fetches }),
    commit: (sha, files) => readCommit(octokit, tree, sha, files, lookups),
    maintainers: () =>
      readMaintainers(octokit, maintainersLocation(config.subsystems.maintainers), tree, { ...caches.maintainers, missing: caches.store.cache(installation, "missing-files") }),
    userByEmail: (email) => userByEmail(octokit, email, lookups),
    readLog: input.readLog,
    labelHistory: (labels) => readLabelHistory(octokit, ref, input.identity, labels),
    searchIssues: (titles): Promise<IssueSummary[]> => searchOpenIssues(octokit, repo, titles),
    forgetCached() {
      lookups.fresh = true;
      fetches = new FetchCache();
    },
  };
}
