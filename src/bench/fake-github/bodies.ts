import { createHash } from "node:crypto";
import type { FakeApp, FakeComment, FakeCommit, FakeIssue, FakeLabel, FakeRepo, FakeUser, World } from "./world.js";

/**
 * GitHub's REST representations of the stand-in's objects, field for field as the REST docs'
 * examples and the octokit/webhooks examples (test/fixtures/payloads/) give them, so that the app
 * reads what it would read from api.github.com. `api` is the API root the answer names in its URLs.
 */

const WEB = "https://github.com";

export interface Urls {
  api: string;
}

export function userBody(user: FakeUser, { api }: Urls) {
  return {
    login: user.login,
    id: user.id,
    node_id: Buffer.from(`04:User${user.id}`).toString("base64"),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url: `${api}/users/${encodeURIComponent(user.login)}`,
    html_url: `${WEB}/${user.login.replace(/\[bot\]$/, "")}`,
    type: user.type,
    site_admin: false,
  };
}

export function repoBody(world: World, repo: FakeRepo, urls: Urls) {
  const full = `${repo.owner}/${repo.name}`;
  return {
    id: repo.id,
    node_id: Buffer.from(`010:Repository${repo.id}`).toString("base64"),
    name: repo.name,
    full_name: full,
    private: false,
    owner: { ...userBody(world.user(repo.owner), urls), type: "Organization" },
    html_url: `${WEB}/${full}`,
    description: "Linux kernel source tree",
    fork: true,
    url: `${urls.api}/repos/${full}`,
    default_branch: "master",
    has_issues: true,
    open_issues_count: [...repo.issues.values()].filter((i) => i.state === "open").length,
  };
}

export function labelBody(repo: FakeRepo, label: FakeLabel, { api }: Urls) {
  return {
    id: 1_362_934_389 + [...label.name].length,
    node_id: Buffer.from(`05:Label${label.name}`).toString("base64"),
    url: `${api}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.name === "bug",
    description: label.description,
  };
}

export function issueBody(repo: FakeRepo, issue: FakeIssue, urls: Urls) {
  const base = `${urls.api}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`;
  return {
    url: base,
    repository_url: `${urls.api}/repos/${repo.owner}/${repo.name}`,
    labels_url: `${base}/labels{/name}`,
    comments_url: `${base}/comments`,
    events_url: `${base}/events`,
    html_url: `${WEB}/${repo.owner}/${repo.name}/issues/${issue.number}`,
    id: issue.id,
    node_id: Buffer.from(`05:Issue${issue.id}`).toString("base64"),
    number: issue.number,
    title: issue.title,
    user: userBody(issue.user, urls),
    labels: issue.labels.map((name) => labelBody(repo, repo.labels.get(name.toLowerCase()) ?? { name, color: "ededed", description: null }, urls)),
    state: issue.state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: issue.comments.length,
    created_at: issue.createdAt,
    updated_at: issue.comments.at(-1)?.updatedAt ?? issue.createdAt,
    closed_at: null,
    author_association: issue.association,
    body: issue.body,
  };
}

export function appBody(app: FakeApp) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: Buffer.from(`03:App${app.id}`).toString("base64"),
    owner: { login: "syztriage-dev", id: 9_999, type: "Organization" },
    name: app.slug,
    description: "Triages syzbot bisection logs and crash reports",
    external_url: `${WEB}/syztriage`,
    html_url: `${WEB}/apps/${app.slug}`,
    created_at: "2026-11-01T00:00:00Z",
    updated_at: "2026-11-01T00:00:00Z",
    permissions: { issues: "write", contents: "read", metadata: "read" },
    events: ["issues", "issue_comment"],
    installations_count: 20,
  };
}

export function commentBody(world: World, repo: FakeRepo, issue: FakeIssue, comment: FakeComment, urls: Urls) {
  return {
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}`,
    html_url: `${WEB}/${repo.owner}/${repo.name}/issues/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`,
    id: comment.id,
    node_id: Buffer.from(`012:IssueComment${comment.id}`).toString("base64"),
    user: userBody(comment.user, urls),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.association,
    body: comment.body,
    reactions: { url: `${urls.api}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}/reactions`, total_count: 0 },
    performed_via_github_app: comment.viaApp === null ? null : appBody(world.app),
  };
}

/** GET /repos/{owner}/{repo}/commits/{ref}: the fields of the REST docs' example. */
export function commitBody(repo: FakeRepo, commit: FakeCommit, urls: Urls) {
  const full = `${repo.owner}/${repo.name}`;
  const changes = commit.files.reduce((sum, f) => sum + f.changes, 0);
  return {
    url: `${urls.api}/repos/${full}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: Buffer.from(`06:Commit${commit.sha}`).toString("base64"),
    html_url: `${WEB}/${full}/commit/${commit.sha}`,
    commit: {
      url: `${urls.api}/repos/${full}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: commit.author,
      message: commit.message,
      comment_count: 0,
    },
    author: commit.login ? { login: commit.login, id: 77, type: "User" } : null,
    committer: null,
    // One parent, as every commit but a root has; the app reads only how many.
    parents: [{ sha: createHash("sha1").update(`parent of ${commit.sha}`).digest("hex"), url: `${urls.api}/repos/${full}/commits/parent`, html_url: `${WEB}/${full}/commit/parent` }],
    stats: { additions: changes, deletions: 0, total: changes },
    files: commit.files.map((f) => ({ sha: createHash("sha1").update(f.filename).digest("hex"), filename: f.filename, status: "modified", additions: f.changes, deletions: 0, changes: f.changes })),
  };
}

/** POST /app/installations/{id}/access_tokens. */
export function tokenBody(token: string) {
  return {
    token,
    expires_at: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, "Z"),
    permissions: { issues: "write", contents: "read", metadata: "read" },
    repository_selection: "all",
  };
}

/** The JSON body of GitHub's error answers: `message`, the docs page, and (since 2023) the status as text. */
export function errorBody(status: number, message: string, docs: string, errors?: object[]) {
  return { message, ...(errors ? { errors } : {}), documentation_url: `https://docs.github.com/rest/${docs}`, status: String(status) };
}
