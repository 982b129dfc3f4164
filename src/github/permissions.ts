import { BoundedCache } from "./bounded-cache.js";
import type { Octokit } from "./types.js";
import { httpStatus } from "./http-status.js";

/** How long a permission answer is trusted: a revoked maintainer loses commands within minutes. */
const PERMISSION_TTL_MS = 10 * 60 * 1000;

export class PermissionCache {
  readonly entries = new BoundedCache<string, { canWrite: boolean; at: number }>(2000);
}

/** Whether `login` may change this repository (write, maintain or admin), asked of GitHub and cached. */
export async function canWrite(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  login: string,
  installation: number,
  cache: PermissionCache,
  now = Date.now(),
): Promise<boolean> {
  const key = `${installation}:${repo.owner}/${repo.repo}:${login.toLowerCase()}`;
  const cached = cache.entries.get(key);
  if (cached && now - cached.at < PERMISSION_TTL_MS) return cached.canWrite;
  let allowed: boolean;
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
    allowed = data.permission === "admin" || data.permission === "write" || data.permission === "maintain";
  } catch (err) {
    // 404: not a collaborator at all.
    if (httpStatus(err) !== 404) throw err;
    allowed = false;
  }
  cache.entries.set(key, { canWrite: allowed, at: now });
  return allowed;
}
