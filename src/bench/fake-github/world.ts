/**
 * What the stand-in for GitHub knows: installations, their repositories, issues, comments, labels,
 * commits and files, and who owns which email. Plain data that the routes read and change as
 * GitHub would, and that the load tests and benches set up and inspect directly.
 */

export interface FakeUser {
  login: string;
  id: number;
  type: "User" | "Bot";
}

export interface FakeLabel {
  name: string;
  color: string;
  description: string | null;
}

export interface FakeComment {
  id: number;
  body: string;
  user: FakeUser;
  association: string;
  createdAt: string;
  updatedAt: string;
  /** The GitHub App's id when the app wrote it (GitHub's `performed_via_github_app`). */
  viaApp: number | null;
}

export interface FakeIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  user: FakeUser;
  association: string;
  labels: string[];
  comments: FakeComment[];
  /** Labels added and taken off through the API, oldest first (GitHub's issue events). */
  events: { event: "labeled" | "unlabeled"; label: string; byApp: boolean }[];
  state: "open" | "closed";
  createdAt: string;
}

export interface FakeCommit {
  sha: string;
  message: string;
  author: { name: string; email: string; date: string };
  /** The GitHub account the author's email belongs to, if any. */
  login: string | null;
  files: { filename: string; changes: number }[];
}

export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  installation: number;
  /** Files of the default branch by path (`.github/syztriage.yml`, `MAINTAINERS`). */
  files: Map<string, string>;
  /** By lower-cased name, as GitHub matches label names. */
  labels: Map<string, FakeLabel>;
  issues: Map<number, FakeIssue>;
  commits: Map<string, FakeCommit>;
  permissions: Map<string, Permission>;
}

/** The GitHub App the stand-in serves (GET /app), and the identity its writes carry. */
export interface FakeApp {
  id: number;
  slug: string;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, "Z");
}

export class World {
  readonly repos = new Map<string, FakeRepo>();
  /** Public emails of GitHub users (what `GET /search/users?q=<email> in:email` finds). */
  readonly emails = new Map<string, string>();
  #ids = 1_000_000;

  constructor(readonly app: FakeApp) {}

  nextId(): number {
    return ++this.#ids;
  }

  /** The bot account the app writes as. */
  get appUser(): FakeUser {
    return { login: `${this.app.slug}[bot]`, id: this.app.id + 41_000_000, type: "Bot" };
  }

  user(login: string): FakeUser {
    return { login, id: 10_000 + [...login].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 7), type: "User" };
  }

  addRepo(installation: number, owner: string, name: string, files: Record<string, string> = {}): FakeRepo {
    const repo: FakeRepo = {
      id: this.nextId(),
      owner,
      name,
      installation,
      files: new Map(Object.entries(files)),
      labels: new Map([["bug", { name: "bug", color: "d73a4a", description: "Something isn't working" }]]),
      issues: new Map(),
      commits: new Map(),
      permissions: new Map([[owner, "admin"]]),
    };
    this.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    return repo;
  }

  repo(owner: string, name: string): FakeRepo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** Repositories of one installation. */
  reposOf(installation: number): FakeRepo[] {
    return [...this.repos.values()].filter((r) => r.installation === installation);
  }

  openIssue(repo: FakeRepo, issue: { title: string; body: string; author: string; association?: string }): FakeIssue {
    const number = repo.issues.size + 1;
    const made: FakeIssue = {
      id: this.nextId(),
      number,
      title: issue.title,
      body: issue.body,
      user: this.user(issue.author),
      association: issue.association ?? "MEMBER",
      labels: [],
      comments: [],
      events: [],
      state: "open",
      createdAt: now(),
    };
    repo.issues.set(number, made);
    return made;
  }

  addComment(issue: FakeIssue, comment: { body: string; user: FakeUser; association?: string; viaApp?: number | null }): FakeComment {
    const at = now();
    const made: FakeComment = { id: this.nextId(), body: comment.body, user: comment.user, association: comment.association ?? "MEMBER", createdAt: at, updatedAt: at, viaApp: comment.viaApp ?? null };
    issue.comments.push(made);
    return made;
  }

  /** The comments the app wrote on an issue. */
  appComments(issue: FakeIssue): FakeComment[] {
    return issue.comments.filter((c) => c.viaApp === this.app.id);
  }

  /** Every issue of every repository, with its repository. */
  *issues(): Generator<{ repo: FakeRepo; issue: FakeIssue }> {
    for (const repo of this.repos.values()) for (const issue of repo.issues.values()) yield { repo, issue };
  }

  touch(comment: FakeComment, body: string): void {
    comment.body = body;
    comment.updatedAt = now();
  }
}
