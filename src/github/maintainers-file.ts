import { createHash } from "node:crypto";
import { loadMaintainers, type Maintainers } from "../maintainers/index.js";
import { BoundedCache } from "./bounded-cache.js";
import type { Octokit } from "./types.js";
import { httpStatus } from "./http-status.js";

/** git's blob id of a text: a file's identity whatever repository or branch holds it. */
function blobSha(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

interface FileVersion {
  etag: string;
  text: string;
  sha: string;
}

/**
 * One app's MAINTAINERS state: the last version of each repository file (asked
 * again with If-None-Match, so an unchanged file costs a 304 and no download),
 * and the built index per installation and blob id.
 */
export class MaintainersCache {
  readonly files = new BoundedCache<string, FileVersion>(200);
  readonly indexes = new BoundedCache<string, Maintainers>(20);
}


/** A file of the default branch as text, null when there is none; conditional on the cached version. */
async function readFile(octokit: Octokit, repo: { owner: string; repo: string }, path: string, cache: MaintainersCache): Promise<FileVersion | null> {
  const key = `${repo.owner}/${repo.repo}:${path}`;
  const cached = cache.files.get(key);
  try {
    const response = await octokit.rest.repos.getContent({
      ...repo,
      path,
      mediaType: { format: "raw" },
      headers: cached ? { "if-none-match": cached.etag } : {},
    });
    const text = String(response.data);
    const version = { etag: response.headers.etag ?? "", text, sha: blobSha(text) };
    if (version.etag) cache.files.set(key, version);
    return version;
  } catch (err) {
    if (httpStatus(err) === 304 && cached) return cached;
    if (httpStatus(err) === 404) return null;
    throw err;
  }
}

/** The repository's MAINTAINERS (with its `.mailmap` when there is one), built once per installation and content. */
export async function repositoryMaintainers(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  path: string,
  installation: number,
  cache: MaintainersCache,
): Promise<Maintainers | null> {
  const maintainers = await readFile(octokit, repo, path, cache);
  if (!maintainers) return null;
  const mailmap = await readFile(octokit, repo, ".mailmap", cache);
  const key = `${installation}:${maintainers.sha}:${mailmap?.sha ?? "-"}`;
  let built = cache.indexes.get(key);
  if (!built) {
    built = loadMaintainers({ maintainers: maintainers.text, ...(mailmap ? { mailmap: mailmap.text } : {}) });
    cache.indexes.set(key, built);
  }
  return built;
}
