import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ParsedUrlQuery } from "node:querystring";
import nock from "nock";
import { type ApplicationFunction, Probot, ProbotOctokit } from "probot";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, expect, onTestFinished } from "vitest";
import app from "../../src/index.js";
import { COMMENT_MARKER, commentHeader, EMPTY_STATE, type IssueState } from "../../src/state/index.js";
import { FIXTURES } from "./fixtures.js";

export const APP_ID = 4242;
export const APP_LOGIN = "syztriage[bot]";
export const INSTALLATION = 42;
export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const API = "https://api.github.com";
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
export const PRIVATE_KEY = privateKey;

/**
 * A Probot with the app loaded (`load`: the app with other options), no Octokit retries or throttling (the
 * function form of defaults is the one that works).
 */
export async function testProbot(load: ApplicationFunction = app): Promise<{ probot: Probot; logs: Record<string, unknown>[] }> {
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    log: pino({ level: "warn" }, stream),
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  await probot.load(load);
  return { probot, logs };
}

/** A test Probot whose logged warnings and errors fail the test: a caught error must not hide an unmocked call. */
export async function strictProbot(): Promise<{ probot: Probot; logs: Record<string, unknown>[] }> {
  const made = await testProbot();
  onTestFinished(() => expect(made.logs.filter((l) => (l.level as number) >= 40)).toEqual([]));
  return made;
}

type EventName = "issues.opened" | "issues.edited" | "issues.reopened" | "issue_comment.created" | "issue_comment.edited";

/** A real webhook payload (octokit/webhooks examples) with the installation and the texts a test needs. */
/** The issue of the last payload built: what GET /issues/1 answers in a test (the app reads the issue afresh). */
let lastIssue: Record<string, unknown> = {};

export function payload(event: EventName, edit: { body?: string; comment?: string; from?: string; sender?: Record<string, unknown>; commentUser?: Record<string, unknown>; issue?: Record<string, unknown>; comment_extra?: Record<string, unknown> } = {}) {
  const raw = JSON.parse(readFileSync(`${FIXTURES}payloads/${event}.json`, "utf8")) as Record<string, any>;
  raw.installation = { id: INSTALLATION };
  if (edit.body !== undefined) raw.issue.body = edit.body;
  if (edit.issue) Object.assign(raw.issue, edit.issue);
  if (edit.comment !== undefined) raw.comment.body = edit.comment;
  if (edit.commentUser) raw.comment.user = { ...raw.comment.user, ...edit.commentUser };
  if (edit.comment_extra) Object.assign(raw.comment, edit.comment_extra);
  if (edit.from !== undefined) raw.changes = { body: { from: edit.from } };
  if (edit.sender) raw.sender = { ...raw.sender, ...edit.sender };
  lastIssue = raw.issue as Record<string, unknown>;
  const [name] = event.split(".") as ["issues" | "issue_comment"];
  return { id: `delivery-${event}`, name, payload: raw as any };
}

/** GET /app (the app's identity) and the installation token. */
export function nockAuth(scope: nock.Scope): nock.Scope {
  return scope
    .get("/app")
    .reply(200, { id: APP_ID, slug: "syztriage", name: "syztriage" })
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: "test-token", expires_at: "2999-01-01T00:00:00Z" });
}

/** No `.github/syztriage.yml` in the repository or in the owner's `.github` repository. */
export function nockNoConfig(scope: nock.Scope): nock.Scope {
  return scope
    .get(`${REPO_PATH}/contents/.github%2Fsyztriage.yml`)
    .reply(404)
    .get(`/repos/${OWNER}/.github/contents/.github%2Fsyztriage.yml`)
    .reply(404);
}

export function nockConfig(scope: nock.Scope, yaml: string): nock.Scope {
  return scope.get(`${REPO_PATH}/contents/.github%2Fsyztriage.yml`).reply(200, yaml);
}

export function comment(id: number, body: string, user: { login: string; type?: string } = { login: "someone", type: "User" }, extra: Record<string, unknown> = {}) {
  return {
    id,
    body,
    user: { login: user.login, type: user.type ?? "User", id: id + 1000 },
    author_association: "MEMBER",
    html_url: `https://github.com/${OWNER}/${REPO}/issues/1#issuecomment-${id}`,
    created_at: "2026-11-27T00:00:00Z",
    ...extra,
  };
}

/** The app's summary comment (it starts with the marker) as GitHub lists it. */
export function ownComment(id: number, body: string) {
  const summary = body.startsWith(COMMENT_MARKER) ? body : `${COMMENT_MARKER}\n${body}`;
  return comment(id, summary, { login: APP_LOGIN, type: "Bot" }, { performed_via_github_app: { id: APP_ID } });
}

/** For every test of the calling file: no real network, and no interceptor left behind for the next test. */
export function useNock(): void {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

export function github(): nock.Scope {
  return nock(API);
}

/** A comment as GitHub lists it (`comment` or `ownComment`). */
export type ListedComment = ReturnType<typeof comment>;

/** An open issue the duplicate search finds. */
export interface SearchHit {
  number: number;
  title: string;
  body?: string;
}

/**
 * The start of a triage: the installation token and GET /app (unless `auth: false`: a later event of the same
 * Probot, whose token and identity are cached), `.github/syztriage.yml` (`config: null`: no file, here or in the
 * owner's `.github`), and the listing of the issue's comments (`comments` as a function: read when the request comes).
 */
export function nockTriageStart(
  scope: nock.Scope,
  start: {
    config: string | null;
    comments: ListedComment[] | (() => ListedComment[]);
    auth?: boolean;
    /** The issue GitHub returns now: the last payload's, with these labels if given; false when the triage stops before reading it. */
    issue?: { labels?: string[] } | false;
  },
): nock.Scope {
  if (start.auth !== false) nockAuth(scope);
  if (start.config === null) nockNoConfig(scope);
  else nockConfig(scope, start.config);
  const { comments, issue = {} } = start;
  scope
    .get(`${REPO_PATH}/issues/1/comments`)
    .query(true)
    .reply(200, typeof comments === "function" ? () => comments() : comments);
  if (issue === false) return scope;
  // Answered when asked: the payload is built after the scope.
  return scope.get(`${REPO_PATH}/issues/1`).reply(() => [200, { ...lastIssue, labels: issue.labels?.map((name) => ({ name })) ?? lastIssue.labels }]);
}

/**
 * The lookups of a triage after its start: GET the culprit `commit` (left out: no culprit, or its lookup is
 * cached), the one duplicate search finding `search` (none by default; `false`: the test states the search
 * itself) and the read of a MAINTAINERS that does not exist (`maintainers: false`: the test states the reads).
 */
export function nockTriageLookups(
  scope: nock.Scope,
  lookups: { commit?: { sha: string; status: number; body?: nock.Body }; search?: SearchHit[] | false; maintainers?: false } = {},
): nock.Scope {
  const { commit } = lookups;
  if (commit) scope.get(`${REPO_PATH}/commits/${commit.sha}`).query(true).reply(commit.status, commit.body);
  if (lookups.search !== false) nockIssueSearch(scope, lookups.search);
  if (lookups.maintainers !== false) nockNoMaintainers(scope);
  return scope;
}

/** The app's new summary comment: POST it, its body pushed to `record` when given (without `record` any body matches). */
export function nockCreatesComment(scope: nock.Scope, id: number, create: { record?: string[] } = {}): nock.Scope {
  const { record } = create;
  const path = `${REPO_PATH}/issues/1/comments`;
  const post = record ? scope.post(path, (b: { body: string }) => record.push(b.body) > 0) : scope.post(path);
  return post.reply(201, { id });
}

/** The app's existing summary comment rewritten in place, its new body pushed to `record`. */
export function nockUpdatesComment(scope: nock.Scope, id: number, record: string[]): nock.Scope {
  return scope.patch(`${REPO_PATH}/issues/comments/${id}`, (b: { body: string }) => record.push(b.body) > 0).reply(200, {});
}


/** The one duplicate search of a triage, finding the given open issues; `query` checks (or records) the search's query string. */
export function nockIssueSearch(scope: nock.Scope, items: SearchHit[] = [], query: true | ((q: ParsedUrlQuery) => boolean) = true): nock.Scope {
  return scope
    .get("/search/issues")
    .query(query)
    .reply(200, {
      total_count: items.length,
      incomplete_results: false,
      items: items.map((i) => ({ ...i, body: i.body ?? "", html_url: `https://github.com/${OWNER}/${REPO}/issues/${i.number}` })),
    });
}

/** The repository has no MAINTAINERS file (the default `subsystems.maintainers` path). */
export function nockNoMaintainers(scope: nock.Scope): nock.Scope {
  return scope.get(`${REPO_PATH}/contents/MAINTAINERS`).reply(404);
}

/** Counts every request to GitHub's API while it is installed: for tests of events the app must ignore. */
export function countGitHubCalls(): { readonly count: number } {
  const counter = { count: 0 };
  const answer = (): [number, object] => {
    counter.count++;
    return [500, {}];
  };
  github().persist().get(/.*/).reply(answer).post(/.*/).reply(answer).patch(/.*/).reply(answer).delete(/.*/).reply(answer);
  return counter;
}

/** GET /repos/{owner}/{repo}/commits/{ref} as GitHub answers it (the fields the app reads, shaped like the REST docs' example). */
export function commitResponse(sha: string, commit: { subject: string; name: string; email: string; login?: string | null; files?: [string, number][]; parents?: string[] }) {
  // One parent unless told: a stand-in for the real parent, whose hash the app never reads.
  const parents = commit.parents ?? [sha.split("").reverse().join("")];
  return {
    sha,
    parents: parents.map((p) => ({ sha: p, url: `https://api.github.com/repos/${OWNER}/${REPO}/commits/${p}`, html_url: `https://github.com/${OWNER}/${REPO}/commit/${p}` })),
    html_url: `https://github.com/${OWNER}/${REPO}/commit/${sha}`,
    commit: { message: `${commit.subject}\n\nSigned-off-by: ${commit.name} <${commit.email}>\n`, author: { name: commit.name, email: commit.email, date: "2020-10-01T15:48:41Z" } },
    author: commit.login ? { login: commit.login, type: "User" } : null,
    files: (commit.files ?? []).map(([filename, changes]) => ({ filename, changes, additions: changes, deletions: 0, status: "modified" })),
  };
}

/** The seed's culprit as the repository has it (it is a kernel fork), its author linked to `login`. */
export function seedCommit(login: string | null = "ming-lei") {
  return commitResponse("2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e", {
    subject: "percpu_ref: reduce memory footprint of percpu_ref in fast path",
    name: "Ming Lei",
    email: "ming.lei@redhat.com",
    login,
  });
}

/** GitHub's user search by email, finding `login` (or nobody). */
export function nockUserSearch(scope: nock.Scope, email: string, login: string | null): nock.Scope {
  return scope
    .get("/search/users")
    .query({ q: `${email} in:email`, per_page: "2" })
    .reply(200, { total_count: login ? 1 : 0, incomplete_results: false, items: login ? [{ login }] : [] });
}

/** The labels the app creates and adds, in that order, each creation's body checked. */
export function nockAddsLabels(scope: nock.Scope, labels: { name: string; description: string; color?: string }[]): nock.Scope {
  for (const l of labels) scope.post(`${REPO_PATH}/labels`, { name: l.name, color: l.color ?? "1d76db", description: l.description }).reply(201, {});
  return scope.post(`${REPO_PATH}/issues/1/labels`, { labels: labels.map((l) => l.name) }).reply(200, []);
}

export const SUBSYSTEM_LABEL = "Kernel subsystem (syztriage)";
export const UNRELIABLE_LABEL = "The bisection's culprit looks unreliable (syztriage)";

/** The app's summary as an earlier triage left it, with this state in its header. */
export function ownSummary(id: number, state: Partial<IssueState>, through = 0) {
  return ownComment(id, `${commentHeader({ ...EMPTY_STATE, ...state }, through)}\nan older summary\n`);
}

/** The issue's events as GitHub lists them: who added or took off which label (`byApp`: this app; else a person). */
export function nockLabelEvents(scope: nock.Scope, events: { event: "labeled" | "unlabeled"; label: string; byApp: boolean }[]): nock.Scope {
  const listed = events.map((e, i) => ({
    id: 5000 + i,
    event: e.event,
    label: { name: e.label, color: "1d76db" },
    actor: e.byApp ? { login: APP_LOGIN, type: "Bot" } : { login: "octocat", type: "User" },
    performed_via_github_app: e.byApp ? { id: APP_ID } : null,
    created_at: "2026-11-27T00:00:00Z",
  }));
  return scope.get(`${REPO_PATH}/issues/1/events`).query(true).reply(200, listed);
}
