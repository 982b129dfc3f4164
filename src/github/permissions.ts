import { z } from "zod";
import type { TtlCache } from "../store/index.js";
import { httpStatus } from "./http-status.js";
import type { Octokit, RepoRef } from "./types.js";

/** How long a permission answer is trusted: a revoked maintainer loses commands within minutes. */
const PERMISSION_TTL_MS = 10 * 60 * 1000;
const CachedPermission = z.object({ canWrite: z.boolean() });

/** Whether `login` may change this repository (write, maintain or admin), asked of GitHub and cached. */
export async function canWrite(octokit: Octokit, repo: RepoRef, login: string, cache: TtlCache): Promise<boolean> {
  const key = `${repo.owner}/${repo.repo}:${login.toLowerCase()}`;
  const cached = await cache.get(key, CachedPermission);
  if (cached) return cached.canWrite;
  let allowed: boolean;
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
    allowed = data.permission === "admin" || data.permission === "write" || data.permission === "maintain";
  } catch (err) {
    // 404: not a collaborator at all.
    if (httpStatus(err) !== 404) throw err;
    allowed = false;
  }
  await cache.set(key, { canWrite: allowed }, PERMISSION_TTL_MS);
  return allowed;
}
