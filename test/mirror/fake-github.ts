import nock from "nock";
import { API, APP_ID, APP_LOGIN, INSTALLATION, OWNER, REPO, REPO_PATH } from "../helpers/probot.js";

/**
 * One repository on GitHub, in memory, behind nock: its issues (who opened them, their bodies,
 * states, labels, comments), its labels, its .github/syztriage.yml. Every request the mirror and the
 * triage make is answered from it, so a test reads what the repository looks like after a run and
 * counts the writes; a request nothing here answers fails the test (nock has no match for it).
 * People act on it directly (close, edit, relabel), as they would on github.com.
 */
export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  performed_via_github_app?: { id: number };
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason: string | null;
  user: { login: string; type: string };
  labels: string[];
  comments: FakeComment[];
}

const PERSON = { login: "matttbe", type: "User" };
const ISSUE = new RegExp(`^${REPO_PATH}/issues/(\\d+)$`);
const ISSUE_COMMENTS = new RegExp(`^${REPO_PATH}/issues/(\\d+)/comments(?:\\?.*)?$`);
const ISSUE_LABELS = new RegExp(`^${REPO_PATH}/issues/(\\d+)/labels$`);
const COMMENT = new RegExp(`^${REPO_PATH}/issues/comments/(\\d+)$`);
const ISSUE_LABEL = new RegExp(`^${REPO_PATH}/issues/(\\d+)/labels/(.+)$`);

/** Who the app is: the hosted app (the tests' Probot), or GitHub Actions for a workflow's token. */
export interface FakeApp {
  login: string;
  id: number;
}

export class FakeGitHub {
  readonly issues: FakeIssue[] = [];
  readonly labels = new Set<string>();
  /** Every write, as "METHOD path": what a run changed. */
  readonly writes: string[] = [];
  config: string;
  readonly app: FakeApp;
  #nextComment = 1000;

  constructor(config: string, app: FakeApp = { login: APP_LOGIN, id: APP_ID }) {
    this.config = config;
    this.app = app;
  }

  issue(number: number): FakeIssue {
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  /** An issue a person opens. */
  open(title: string, body: string): FakeIssue {
    const issue: FakeIssue = { number: this.issues.length + 1, title, body, state: "open", state_reason: null, user: PERSON, labels: [], comments: [] };
    this.issues.push(issue);
    return issue;
  }

  closeByPerson(number: number): void {
    Object.assign(this.issue(number), { state: "closed", state_reason: "not_planned" });
  }

  /** The app's own comments on an issue (its summary, a closing note). */
  ownComments(number: number): FakeComment[] {
    return this.issue(number).comments.filter((c) => c.user.login === this.app.login);
  }

  #issueJson(issue: FakeIssue) {
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      html_url: `https://github.com/${OWNER}/${REPO}/issues/${issue.number}`,
      user: issue.user,
      author_association: issue.user.login === this.app.login ? "NONE" : "OWNER",
      labels: issue.labels.map((name) => ({ name })),
    };
  }

  #commentJson(issue: FakeIssue, c: FakeComment) {
    return {
      ...c,
      author_association: c.user.login === this.app.login ? "NONE" : "OWNER",
      html_url: `https://github.com/${OWNER}/${REPO}/issues/${issue.number}#issuecomment-${c.id}`,
      created_at: "2026-11-27T00:00:00Z",
    };
  }

  #write(method: string, path: string): void {
    this.writes.push(`${method} ${path.replace(/\?.*$/, "")}`);
  }

  /** Answers the API from this repository until the test's nock clean-up. */
  install(): nock.Scope {
    const scope = nock(API).persist();
    scope.get("/app").reply(200, { id: APP_ID, slug: "syztriage", name: "syztriage" });
    scope.post(`/app/installations/${INSTALLATION}/access_tokens`).reply(201, { token: "test-token", expires_at: "2999-01-01T00:00:00Z" });
    scope.get("/app/installations").query(true).reply(200, [{ id: INSTALLATION, account: { login: OWNER } }]);
    scope
      .get("/installation/repositories")
      .query(true)
      .reply(200, { total_count: 1, repositories: [{ name: REPO, owner: { login: OWNER }, html_url: `https://github.com/${OWNER}/${REPO}`, archived: false }] });
    scope.get(`${REPO_PATH}/contents/.github%2Fsyztriage.yml`).reply(() => [200, this.config]);
    scope.get(`/repos/${OWNER}/.github/contents/.github%2Fsyztriage.yml`).reply(404);
    scope.get(`${REPO_PATH}/contents/MAINTAINERS`).query(true).reply(404);
    scope.get(/^\/repos\/[^/]+\/[^/]+\/commits\//).query(true).reply(404, { message: "No commit found" });
    scope.get("/search/issues").query(true).reply(200, { total_count: 0, incomplete_results: false, items: [] });
    scope.get("/search/users").query(true).reply(200, { total_count: 0, incomplete_results: false, items: [] });
    scope
      .get(`${REPO_PATH}/issues`)
      .query(true)
      .reply((uri) => {
        const query = new URL(uri, API).searchParams;
        const creator = query.get("creator");
        const state = query.get("state") ?? "open";
        const listed = this.issues.filter((i) => (creator === null || i.user.login === creator) && (state === "all" || i.state === state));
        return [200, listed.map((i) => this.#issueJson(i))];
      });
    scope.post(`${REPO_PATH}/issues`).reply((uri, body) => {
      this.#write("POST", uri);
      const { title, body: text } = body as { title: string; body: string };
      const issue: FakeIssue = { number: this.issues.length + 1, title, body: text, state: "open", state_reason: null, user: { login: this.app.login, type: "Bot" }, labels: [], comments: [] };
      this.issues.push(issue);
      return [201, this.#issueJson(issue)];
    });
    scope.get(ISSUE).reply((uri) => [200, this.#issueJson(this.issue(Number(ISSUE.exec(uri)?.[1])))]);
    scope.patch(ISSUE).reply((uri, body) => {
      this.#write("PATCH", uri);
      const issue = this.issue(Number(ISSUE.exec(uri)?.[1]));
      Object.assign(issue, body as Partial<FakeIssue>);
      return [200, this.#issueJson(issue)];
    });
    scope.get(ISSUE_COMMENTS).reply((uri) => {
      const issue = this.issue(Number(ISSUE_COMMENTS.exec(uri)?.[1]));
      return [200, issue.comments.map((c) => this.#commentJson(issue, c))];
    });
    scope.post(ISSUE_COMMENTS).reply((uri, body) => {
      this.#write("POST", uri);
      const issue = this.issue(Number(ISSUE_COMMENTS.exec(uri)?.[1]));
      const comment = { id: this.#nextComment++, body: (body as { body: string }).body, user: { login: this.app.login, type: "Bot" }, performed_via_github_app: { id: this.app.id } };
      issue.comments.push(comment);
      return [201, this.#commentJson(issue, comment)];
    });
    scope.patch(COMMENT).reply((uri, body) => {
      this.#write("PATCH", uri);
      const id = Number(COMMENT.exec(uri)?.[1]);
      const issue = this.issues.find((i) => i.comments.some((c) => c.id === id));
      const comment = issue?.comments.find((c) => c.id === id);
      if (!issue || !comment) return [404, {}];
      comment.body = (body as { body: string }).body;
      return [200, this.#commentJson(issue, comment)];
    });
    scope.post(`${REPO_PATH}/labels`).reply((uri, body) => {
      this.#write("POST", uri);
      const { name } = body as { name: string };
      if (this.labels.has(name)) return [422, { message: "Validation Failed" }];
      this.labels.add(name);
      return [201, { name }];
    });
    scope.post(ISSUE_LABELS).reply((uri, body) => {
      this.#write("POST", uri);
      const issue = this.issue(Number(ISSUE_LABELS.exec(uri)?.[1]));
      for (const name of (body as { labels: string[] }).labels) if (!issue.labels.includes(name)) issue.labels.push(name);
      return [200, issue.labels.map((name) => ({ name }))];
    });
    scope.delete(ISSUE_LABEL).reply((uri) => {
      this.#write("DELETE", uri);
      const m = ISSUE_LABEL.exec(uri);
      const issue = this.issue(Number(m?.[1]));
      issue.labels = issue.labels.filter((l) => l !== decodeURIComponent(m?.[2] ?? ""));
      return [200, []];
    });
    return scope;
  }
}
