import { z } from "zod";
import { CommitFacts, UNKNOWN_COMMIT } from "../analyse/reports.js";
import { GITHUB_LOGIN } from "../config/schema.js";
import { sharedRun, type TtlCache } from "../store/index.js";
import { httpStatus } from "./http-status.js";
import type { Octokit, RepoRef } from "./types.js";

/** A commit does not change; a week bounds what a pushed-over ref or a renamed author costs. */
const COMMIT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Who owns an email on GitHub changes rarely, but it does: answers, found or not, are asked again after a day. */
const EMAIL_TTL_MS = 24 * 60 * 60 * 1000;
/** GitHub lists a commit's files a page at a time; a culprit's first 100 are plenty to name its subsystems. */
const FILES_PER_PAGE = 100;

const CachedCommit = CommitFacts.extend({ withFiles: z.boolean() });
const CachedLogin = z.object({ login: z.string().nullable() });

/** The caches of one installation's lookups (in Redis with replicas); `fresh` reads past them (`#syztriage retriage`). */
export interface LookupCaches {
  commits: TtlCache;
  emails: TtlCache;
  /** Searches under way in this process, by installation and email: issues triaged together share one. */
  searching: Map<string, Promise<string | null>>;
  installation: number;
  fresh: boolean;
}

function validLogin(login: string | null | undefined): string | null {
  return login && GITHUB_LOGIN.test(login) ? login : null;
}

/**
 * A commit of the kernel tree (GET commit), cached so edits do not repeat it;
 * with `files`, its changed files too (a report that names the culprit
 * without them). A commit the tree does not have is a fact, not an error.
 */
export async function readCommit(octokit: Octokit, tree: RepoRef & { htmlUrl: string }, sha: string, files: boolean, caches: LookupCaches): Promise<CommitFacts> {
  const key = `${tree.owner}/${tree.repo}@${sha}`;
  const cached = caches.fresh ? undefined : await caches.commits.get(key, CachedCommit);
  if (cached && (cached.withFiles || !files || !cached.exists)) return CommitFacts.parse(cached);
  let facts: CommitFacts;
  try {
    const { data } = await octokit.rest.repos.getCommit({ owner: tree.owner, repo: tree.repo, ref: sha, per_page: files ? FILES_PER_PAGE : 1 });
    const author = data.commit.author;
    facts = {
      exists: true,
      url: `${tree.htmlUrl}/commit/${data.sha}`,
      login: validLogin(data.author?.login),
      subject: data.commit.message.split("\n", 1)[0] ?? null,
      author: author?.email ? { name: author.name ?? "", email: author.email } : null,
      files: files ? (data.files ?? []).map((f) => ({ path: f.filename, lines: f.changes ?? null })) : [],
      merge: data.parents.length > 1,
    };
  } catch (err) {
    // 404: not in this tree; 422: not a commit hash GitHub accepts. Anything else may be transient.
    if (httpStatus(err) !== 404 && httpStatus(err) !== 422) throw err;
    facts = UNKNOWN_COMMIT;
  }
  await caches.commits.set(key, { ...facts, withFiles: files }, COMMIT_TTL_MS);
  return facts;
}

/** The one user whose public email is `email`, null when there is none or several; cached per installation. */
export async function userByEmail(octokit: Octokit, email: string, caches: LookupCaches): Promise<string | null> {
  const cached = caches.fresh ? undefined : await caches.emails.get(email, CachedLogin);
  if (cached) return cached.login;
  // Several issues naming the same people arrive together: one search (spaced 2 s apart by GitHub's limits) serves them all.
  return sharedRun(caches.searching, `${caches.installation}:${email}`, async () => {
    const { data } = await octokit.rest.search.users({ q: `${email} in:email`, per_page: 2 });
    const login = data.total_count === 1 ? validLogin(data.items[0]?.login) : null;
    await caches.emails.set(email, { login }, EMAIL_TTL_MS);
    return login;
  });
}
