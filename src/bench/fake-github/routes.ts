import { createHash } from "node:crypto";
import { appBody, commentBody, commitBody, errorBody, issueBody, labelBody, tokenBody, type Urls } from "./bodies.js";
import type { RequestKind } from "./faults.js";
import type { FakeIssue, FakeRepo, World } from "./world.js";

/** One request as a route sees it. */
export interface RouteRequest {
  world: World;
  urls: Urls;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** The installation whose token authorized the request; null for the app's JWT. */
  installation: number | null;
  /** Issues a token for an installation (the server remembers whose it is). */
  issueToken(installation: number): string;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is (raw file contents), not as JSON. */
  text?: string;
}

type Handler = (req: RouteRequest) => Answer;

export interface Route {
  name: string;
  method: string;
  pattern: RegExp;
  kind: RequestKind;
  handle: Handler;
}

const notFound = (docs: string, message = "Not Found"): Answer => ({ status: 404, body: errorBody(404, message, docs) });

function inRepo(docs: string, then: (repo: FakeRepo, req: RouteRequest) => Answer): Handler {
  return (req) => {
    const repo = req.world.repo(req.params.owner ?? "", req.params.repo ?? "");
    // An installation sees only its own repositories.
    if (!repo || (req.installation !== null && repo.installation !== req.installation)) return notFound(docs);
    return then(repo, req);
  };
}

function onIssue(docs: string, then: (repo: FakeRepo, issue: FakeIssue, req: RouteRequest) => Answer): Handler {
  return inRepo(docs, (repo, req) => {
    const issue = repo.issues.get(Number(req.params.number));
    return issue ? then(repo, issue, req) : notFound(docs);
  });
}

function findComment(repo: FakeRepo, id: number): { issue: FakeIssue; index: number } | null {
  for (const issue of repo.issues.values()) {
    const index = issue.comments.findIndex((c) => c.id === id);
    if (index !== -1) return { issue, index };
  }
  return null;
}

function field(body: unknown, name: string): unknown {
  return body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
}

const etagOf = (text: string) => `"${createHash("sha1").update(text).digest("hex")}"`;

/** GET .../contents/{path}: raw text for `application/vnd.github.raw`, else the JSON with base64 content; 304 on a matching If-None-Match. */
const getContent = inRepo("repos/contents#get-repository-content", (repo, req) => {
  const path = decodeURIComponent(req.params.path ?? "");
  const text = repo.files.get(path);
  if (text === undefined) return notFound("repos/contents#get-repository-content");
  const etag = etagOf(text);
  if (req.headers["if-none-match"] === etag) return { status: 304, headers: { etag } };
  const accept = String(req.headers.accept ?? "");
  if (accept.includes(".raw")) return { status: 200, text, headers: { etag, "content-type": "application/vnd.github.raw; charset=utf-8" } };
  const name = path.split("/").at(-1) ?? path;
  return { status: 200, headers: { etag }, body: { type: "file", encoding: "base64", size: text.length, name, path, content: Buffer.from(text).toString("base64"), sha: etag.slice(1, -1) } };
});

/** The app's comments carry its bot user and `performed_via_github_app`; anyone else's token is not the app's. */
function appAuthor(req: RouteRequest) {
  return { user: req.world.appUser, viaApp: req.world.app.id, association: "NONE" };
}

// One page: an issue the app triages has a handful of label events.
const listEvents = onIssue("issues/events#list-issue-events", (_repo, issue, req) => {
  const bot = req.world.appUser;
  const body = issue.events.map((e, i) => ({
    id: issue.id * 1000 + i,
    event: e.event,
    label: { name: e.label, color: "1d76db" },
    actor: e.byApp ? bot : { login: "octocat", id: 1, type: "User" },
    performed_via_github_app: e.byApp ? { id: req.world.app.id, slug: req.world.app.slug } : null,
    created_at: issue.createdAt,
  }));
  return { status: 200, body };
});

const listComments = onIssue("issues/comments#list-issue-comments", (repo, issue, req) => {
  const perPage = Math.min(100, Number(req.query.get("per_page") ?? 30) || 30);
  const page = Math.max(1, Number(req.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(issue.comments.length / perPage));
  const items = issue.comments.slice((page - 1) * perPage, page * perPage).map((c) => commentBody(req.world, repo, issue, c, req.urls));
  const link = (p: number) => `<${req.urls.api}/repos/${repo.owner}/${repo.name}/issues/${issue.number}/comments?per_page=${perPage}&page=${p}>`;
  const headers: Record<string, string> = page < last ? { link: `${link(page + 1)}; rel="next", ${link(last)}; rel="last"` } : {};
  return { status: 200, body: items, headers };
});

const createComment = onIssue("issues/comments#create-an-issue-comment", (repo, issue, req) => {
  const body = field(req.body, "body");
  if (typeof body !== "string") return { status: 422, body: errorBody(422, "Invalid request.\n\n\"body\" wasn't supplied.", "issues/comments#create-an-issue-comment") };
  const made = req.world.addComment(issue, { body, ...appAuthor(req) });
  return { status: 201, body: commentBody(req.world, repo, issue, made, req.urls) };
});

const updateComment = inRepo("issues/comments#update-an-issue-comment", (repo, req) => {
  const found = findComment(repo, Number(req.params.id));
  const body = field(req.body, "body");
  if (!found) return notFound("issues/comments#update-an-issue-comment");
  if (typeof body !== "string") return { status: 422, body: errorBody(422, "Invalid request.", "issues/comments#update-an-issue-comment") };
  const comment = found.issue.comments[found.index];
  if (!comment) return notFound("issues/comments#update-an-issue-comment");
  req.world.touch(comment, body);
  return { status: 200, body: commentBody(req.world, repo, found.issue, comment, req.urls) };
});

const deleteComment = inRepo("issues/comments#delete-an-issue-comment", (repo, req) => {
  const found = findComment(repo, Number(req.params.id));
  if (!found) return notFound("issues/comments#delete-an-issue-comment");
  found.issue.comments.splice(found.index, 1);
  return { status: 204 };
});

const react = inRepo("reactions/reactions#create-reaction-for-an-issue-comment", (repo, req) => {
  if (!findComment(repo, Number(req.params.id))) return notFound("reactions/reactions#create-reaction-for-an-issue-comment");
  return { status: 201, body: { id: req.world.nextId(), content: String(field(req.body, "content") ?? "+1"), created_at: new Date().toISOString() } };
});

const getCommit = inRepo("commits/commits#get-a-commit", (repo, req) => {
  const sha = req.params.sha ?? "";
  const commit = [...repo.commits.values()].find((c) => sha.length >= 7 && c.sha.startsWith(sha.toLowerCase()));
  // GitHub answers 422 "No commit found for SHA" for a hash the repository does not have.
  if (!commit) return { status: 422, body: errorBody(422, `No commit found for SHA: ${sha}`, "commits/commits#get-a-commit") };
  return { status: 200, body: commitBody(repo, commit, req.urls) };
});

const createLabel = inRepo("issues/labels#create-a-label", (repo, req) => {
  const name = String(field(req.body, "name") ?? "");
  if (repo.labels.has(name.toLowerCase())) {
    return { status: 422, body: errorBody(422, "Validation Failed", "issues/labels#create-a-label", [{ resource: "Label", code: "already_exists", field: "name" }]) };
  }
  const label = { name, color: String(field(req.body, "color") ?? "ededed").replace(/^#/, ""), description: (field(req.body, "description") as string | undefined) ?? null };
  repo.labels.set(name.toLowerCase(), label);
  return { status: 201, body: labelBody(repo, label, req.urls) };
});

const addLabels = onIssue("issues/labels#add-labels-to-an-issue", (repo, issue, req) => {
  const names = field(req.body, "labels");
  if (!Array.isArray(names)) return { status: 422, body: errorBody(422, "Invalid request.", "issues/labels#add-labels-to-an-issue") };
  for (const name of names.map(String)) {
    // GitHub creates a label it does not know, in its default grey.
    if (!repo.labels.has(name.toLowerCase())) repo.labels.set(name.toLowerCase(), { name, color: "ededed", description: null });
    if (!issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) {
      issue.labels.push(name);
      issue.events.push({ event: "labeled", label: name, byApp: true });
    }
  }
  return { status: 200, body: issueBody(repo, issue, req.urls).labels };
});

const removeLabel = onIssue("issues/labels#remove-a-label-from-an-issue", (repo, issue, req) => {
  const name = decodeURIComponent(req.params.name ?? "").toLowerCase();
  const at = issue.labels.findIndex((l) => l.toLowerCase() === name);
  if (at === -1) return notFound("issues/labels#remove-a-label-from-an-issue", "Label does not exist");
  const [removed = name] = issue.labels.splice(at, 1);
  issue.events.push({ event: "unlabeled", label: removed, byApp: true });
  return { status: 200, body: issueBody(repo, issue, req.urls).labels };
});

const permission = inRepo("collaborators/collaborators#get-repository-permissions-for-a-user", (repo, req) => {
  const login = req.params.user ?? "";
  const level = repo.permissions.get(login) ?? "read";
  return { status: 200, body: { permission: level, role_name: level, user: req.world.user(login) } };
});

/** `repo:o/r is:issue is:open "a" OR "b"`: open issues of the repository whose title or body holds a quoted term. */
export function issueSearch(world: World, urls: Urls, q: string, perPage: number, installation: number | null) {
  const [, owner = "", name = ""] = /\brepo:([^/\s]+)\/(\S+)/.exec(q) ?? [];
  const terms = [...q.matchAll(/"([^"]*)"/g)].map((m) => (m[1] ?? "").toLowerCase()).filter(Boolean);
  const repo = world.repo(owner, name);
  if (!repo || (installation !== null && repo.installation !== installation)) return { total_count: 0, incomplete_results: false, items: [] };
  const hits = [...repo.issues.values()].filter((i) => i.state === "open" && terms.some((t) => i.title.toLowerCase().includes(t) || i.body.toLowerCase().includes(t)));
  const items = hits.slice(0, Math.min(100, perPage)).map((i) => ({ ...issueBody(repo, i, urls), score: 1 }));
  return { total_count: hits.length, incomplete_results: false, items };
}

const searchIssues: Handler = (req) => ({ status: 200, body: issueSearch(req.world, req.urls, req.query.get("q") ?? "", Number(req.query.get("per_page") ?? 30) || 30, req.installation) });

/** `<email> in:email`: the user whose public email it is. */
function searchUsers(req: RouteRequest): Answer {
  const email = (req.query.get("q") ?? "").replace(/\s+in:email\s*$/, "").trim().toLowerCase();
  const login = req.world.emails.get(email);
  const items = login ? [{ ...req.world.user(login), score: 1 }] : [];
  return { status: 200, body: { total_count: items.length, incomplete_results: false, items } };
}

const REPO = "/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";
const route = (name: string, method: string, path: string, kind: RequestKind, handle: Handler): Route => ({ name, method, pattern: new RegExp(`^${path}$`), kind, handle });

/** Every endpoint the app calls, and nothing else: anything not here is a 404 the load tests count. */
export const ROUTES: readonly Route[] = [
  route("app", "GET", "/app", "read", (req) => ({ status: 200, body: appBody(req.world.app) })),
  route("token", "POST", "/app/installations/(?<installation>\\d+)/access_tokens", "auth", (req) => {
    const installation = Number(req.params.installation);
    if (req.world.reposOf(installation).length === 0) return notFound("apps/apps#create-an-installation-access-token-for-an-app", "Integration not found");
    return { status: 201, body: tokenBody(req.issueToken(installation)) };
  }),
  route("content", "GET", `${REPO}/contents/(?<path>.+)`, "read", getContent),
  route("issue", "GET", `${REPO}/issues/(?<number>\\d+)`, "read", onIssue("issues/issues#get-an-issue", (repo, issue, req) => ({ status: 200, body: issueBody(repo, issue, req.urls) }))),
  route("comments", "GET", `${REPO}/issues/(?<number>\\d+)/comments`, "read", listComments),
  route("create-comment", "POST", `${REPO}/issues/(?<number>\\d+)/comments`, "write", createComment),
  route("update-comment", "PATCH", `${REPO}/issues/comments/(?<id>\\d+)`, "write", updateComment),
  route("delete-comment", "DELETE", `${REPO}/issues/comments/(?<id>\\d+)`, "write", deleteComment),
  route("reaction", "POST", `${REPO}/issues/comments/(?<id>\\d+)/reactions`, "write", react),
  route("commit", "GET", `${REPO}/commits/(?<sha>[^/]+)`, "read", getCommit),
  route("create-label", "POST", `${REPO}/labels`, "write", createLabel),
  route("add-labels", "POST", `${REPO}/issues/(?<number>\\d+)/labels`, "write", addLabels),
  route("remove-label", "DELETE", `${REPO}/issues/(?<number>\\d+)/labels/(?<name>[^/]+)`, "write", removeLabel),
  route("list-events", "GET", `${REPO}/issues/(?<number>\\d+)/events`, "read", listEvents),
  route("permission", "GET", `${REPO}/collaborators/(?<user>[^/]+)/permission`, "read", permission),
  route("search-issues", "GET", "/search/issues", "search", searchIssues),
  route("search-users", "GET", "/search/users", "search", searchUsers),
];
