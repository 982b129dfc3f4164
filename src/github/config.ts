import { type ConfigResult, validateConfig } from "../config/load.js";
import { httpStatus } from "./http-status.js";
import type { Octokit, RepoRef } from "./types.js";

const CONFIG_PATH = ".github/syztriage.yml";

// The config plugin names the file by its API URL: .../repos/<owner>/<repo>/contents/<path>.
const CONTENTS_URL = /\/repos\/([^/]+)\/([^/]+)\/contents\/([^?\s)]+)/;

/** "owner/repo:.github/syztriage.yml" for the file an error is about. */
function fileOf(message: string): string {
  const m = CONTENTS_URL.exec(message);
  return m ? `${m[1]}/${m[2]}:${decodeURIComponent(m[3] as string)}` : CONFIG_PATH;
}

/** The user's mistake in words: the file, and for YAML the line and column the parser stopped at. */
function configMistake(err: Error): string {
  const cause = err.cause instanceof Error ? err.cause.message : null;
  const what = /\(([^)]+)\)\s*$/.exec(err.message)?.[1] ?? err.message.replace(/^\[[^\]]+\]\s*/, "");
  return `${fileOf(err.message)}: ${cause ? `invalid YAML: ${cause}` : what}`;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `_extends` layers merged as Probot's context.config merges them: objects key by key, arrays concatenated. */
function deepMerge(a: Json, b: Json): Json {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const out: { [key: string]: Json } = { ...a };
    for (const [key, value] of Object.entries(b)) out[key] = key in out ? deepMerge(out[key] as Json, value) : value;
    return out;
  }
  return b;
}

/**
 * `.github/syztriage.yml` of the repository, else of the owner's `.github`
 * repository (`_extends` followed), validated. A file the user must fix (bad
 * YAML, a directory in its place, an `_extends` loop, a schema error) is a
 * result; GitHub failing to answer is not the user's mistake: it throws, and
 * the triage is retried.
 */
export async function loadConfig(octokit: Octokit, repo: RepoRef): Promise<ConfigResult> {
  try {
    const { files } = await octokit.config.get({ ...repo, path: CONFIG_PATH });
    const layers = files.map((f) => f.config as Json).filter((c) => c !== null).reverse();
    return validateConfig(layers.length === 0 ? null : layers.reduce<Json>((merged, layer) => deepMerge(merged, layer), {}));
  } catch (err) {
    if (httpStatus(err) !== undefined || !(err instanceof Error) || !err.message.startsWith("[@probot/octokit-plugin-config]")) throw err;
    return { ok: false, error: configMistake(err) };
  }
}
