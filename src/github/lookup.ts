import type { LoginLookup } from "../analyse/mentions.js";
import { BoundedCache } from "./bounded-cache.js";
import type { Octokit } from "./types.js";
import { httpStatus } from "./http-status.js";
import { GITHUB_LOGIN } from "../config/schema.js";

export interface CommitInfo {
  exists: boolean;
  /** The GitHub user the commit's author email is linked to. */
  login: string | null;
}


/** One app's lookup results; keys carry the repository or installation, so all installations share it. */
export class LookupCache {
  readonly commits = new BoundedCache<string, CommitInfo>(5000);
  readonly emails = new BoundedCache<string, string | null>(5000);
}


/** GitHub lookups for one repository, cached across events so edits do not repeat them. */
export function repositoryLookup(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  installation: number,
  cache: LookupCache,
) {
  const { commits, emails } = cache;
  async function commit(sha: string): Promise<CommitInfo> {
    const key = `${repo.owner}/${repo.repo}@${sha}`;
    const cached = commits.get(key);
    if (cached) return cached;
    let info: CommitInfo;
    try {
      const { data } = await octokit.rest.repos.getCommit({ ...repo, ref: sha, per_page: 1 });
      const login = data.author?.login ?? null;
      info = { exists: true, login: login && GITHUB_LOGIN.test(login) ? login : null };
    } catch (err) {
      // 404: not in this repository; 422: not a commit hash GitHub accepts. Anything else may be transient.
      if (httpStatus(err) !== 404 && httpStatus(err) !== 422) throw err;
      info = { exists: false, login: null };
    }
    commits.set(key, info);
    return info;
  }

  const logins: LoginLookup = {
    commitAuthor: async (sha) => (await commit(sha)).login,
    async userByEmail(email) {
      const key = `${installation}:${email}`;
      const cached = emails.get(key);
      if (cached !== undefined) return cached;
      // A failure fails the triage (Probot's throttling has already waited out rate limits):
      // showing the address unresolved would change the comment on an event that changed nothing.
      const { data } = await octokit.rest.search.users({ q: `${email} in:email`, per_page: 2 });
      const only = data.total_count === 1 ? (data.items[0]?.login ?? null) : null;
      const login = only && GITHUB_LOGIN.test(only) ? only : null;
      emails.set(key, login);
      return login;
    },
  };
  return { commit, logins };
}
