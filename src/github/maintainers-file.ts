import { createHash } from "node:crypto";
import { bundledMaintainers, maintainersFrom } from "../decide/maintainers-facts.js";
import { BoundedCache } from "./bounded-cache.js";
import type { MaintainersLocation } from "../config/maintainers-location.js";
import type { MaintainersFacts } from "../decide/facts.js";
import type { TtlCache } from "../store/index.js";
import type { Octokit, RepoRef } from "./types.js";
import { z } from "zod";
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
 * One app's MAINTAINERS state: the etag and blob id of each repository's file
 * (asked again with If-None-Match, so an unchanged file costs a 304 and no
 * download), the texts by blob id (kernel forks share one MAINTAINERS: one copy
 * of its megabyte, not one per repository), and the index built per blob id.
 */
export class MaintainersCache {
  readonly files = new BoundedCache<string, { etag: string; sha: string }>(500);
  readonly texts = new BoundedCache<string, string>(8);
  readonly indexes = new BoundedCache<string, Omit<MaintainersFacts, "origin">>(8);
}

/** A tracker repository without MAINTAINERS is not asked on every event, but is asked again now and then. */
const MISSING_TTL_MS = 10 * 60 * 1000;
const Missing = z.literal(true);

/** This process's files and indexes, and the installation's record of files found missing. */
type FileCaches = Pick<MaintainersCache, "files" | "texts" | "indexes"> & { missing: TtlCache };


/** A file (of the default branch, or `ref`) as text, null when there is none; conditional on the cached version. */
async function readFile(octokit: Octokit, repo: RepoRef & { ref?: string }, path: string, cache: FileCaches): Promise<FileVersion | null> {
  const key = `${repo.owner}/${repo.repo}@${repo.ref ?? ""}:${path}`;
  if (await cache.missing.get(key, Missing)) return null;
  const known = cache.files.get(key);
  const text = known && cache.texts.get(known.sha);
  // A text evicted since is downloaded again.
  const cached = known && text !== undefined ? { ...known, text } : undefined;
  try {
    const response = await octokit.rest.repos.getContent({
      owner: repo.owner,
      repo: repo.repo,
      ...(repo.ref ? { ref: repo.ref } : {}),
      path,
      mediaType: { format: "raw" },
      headers: cached ? { "if-none-match": cached.etag } : {},
    });
    const text = String(response.data);
    const version = { etag: response.headers.etag ?? "", text, sha: blobSha(text) };
    if (version.etag) {
      cache.files.set(key, { etag: version.etag, sha: version.sha });
      cache.texts.set(version.sha, text);
    }
    return version;
  } catch (err) {
    if (httpStatus(err) === 304 && cached) return cached;
    if (httpStatus(err) === 404) {
      await cache.missing.set(key, true, MISSING_TTL_MS);
      return null;
    }
    throw err;
  }
}

/**
 * The MAINTAINERS `subsystems.maintainers` names (with the `.mailmap` beside it),
 * read with the installation's token (public repositories are readable) and
 * built once per content; the bundled snapshot when the
 * default file is missing or the config asks for it.
 */
export async function readMaintainers(
  octokit: Octokit,
  location: MaintainersLocation | null,
  tree: RepoRef,
  cache: FileCaches,
): Promise<MaintainersFacts | null> {
  if (location === null || location.kind === "none") return null;
  if (location.kind === "bundled") return bundledMaintainers();
  const repo = { owner: location.owner ?? tree.owner, repo: location.repo ?? tree.repo, ...(location.ref ? { ref: location.ref } : {}) };
  const file = await readFile(octokit, repo, location.path, cache);
  if (!file) return location.fallback ? bundledMaintainers() : null;
  // git reads .mailmap from the top of the tree, wherever MAINTAINERS is.
  const mailmap = await readFile(octokit, repo, ".mailmap", cache);
  const origin = `${location.path} of ${repo.owner}/${repo.repo}${location.ref ? `@${location.ref}` : ""}`;
  // The same file is the same index, whichever repository or installation holds it.
  const key = `${file.sha}:${mailmap?.sha ?? "-"}`;
  let built = cache.indexes.get(key);
  if (!built) {
    built = maintainersFrom({ maintainers: file.text, ...(mailmap ? { mailmap: mailmap.text } : {}) }, origin);
    cache.indexes.set(key, built);
  }
  return { ...built, origin };
}
