import { type ConfigResult, validateConfig } from "../config/load.js";
import { httpStatus } from "./http-status.js";
import type { IssueEventContext } from "./types.js";

export const CONFIG_FILE = "syztriage.yml";

// The config plugin names the file by its API URL: .../repos/<owner>/<repo>/contents/<path>.
const CONTENTS_URL = /\/repos\/([^/]+)\/([^/]+)\/contents\/([^?\s)]+)/;

/** "owner/repo:.github/syztriage.yml" for the file an error is about. */
function fileOf(message: string): string {
  const m = CONTENTS_URL.exec(message);
  return m ? `${m[1]}/${m[2]}:${decodeURIComponent(m[3] as string)}` : `.github/${CONFIG_FILE}`;
}

/** The user's mistake in words: the file, and for YAML the line and column the parser stopped at. */
function configMistake(err: Error): string {
  const cause = err.cause instanceof Error ? err.cause.message : null;
  const what = /\(([^)]+)\)\s*$/.exec(err.message)?.[1] ?? err.message.replace(/^\[[^\]]+\]\s*/, "");
  return `${fileOf(err.message)}: ${cause ? `invalid YAML: ${cause}` : what}`;
}

/**
 * `.github/syztriage.yml` of the repository, else of the owner's `.github`
 * repository, validated. A file the user must fix (bad YAML, a directory in its
 * place, an `_extends` loop, a schema error) is a result; GitHub failing to
 * answer is not the user's mistake: it throws, and the triage is retried.
 */
export async function loadConfig(context: IssueEventContext): Promise<ConfigResult> {
  try {
    return validateConfig(await context.config(CONFIG_FILE));
  } catch (err) {
    if (httpStatus(err) !== undefined || !(err instanceof Error) || !err.message.startsWith("[@probot/octokit-plugin-config]")) throw err;
    return { ok: false, error: configMistake(err) };
  }
}
