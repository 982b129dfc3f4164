import { readFile } from "node:fs/promises";
import { type Logger, Probot } from "probot";
import { z } from "zod";
import type { IssueTriage } from "../app/handle-event.js";
import { loadConfig } from "../github/config.js";
import { appIdentity } from "../github/identity.js";
import type { Octokit } from "../github/types.js";
import app, { loadSyztriage, STANDALONE } from "../index.js";
import { syncLines } from "../mirror/print.js";
import { runMirror } from "../mirror/run.js";
import { githubClient } from "../octokit/limits.js";
import { ACTIONS_APP, withActionsIdentity } from "./actions-identity.js";

/**
 * The GitHub Action: the same app function, run once on the event of the workflow run, through Probot's
 * own `receive`. (@probot/adapter-github-actions does this too, but its release on npm, 4.0.3, depends on
 * probot 13 and would install a second Probot beside ours; it also logs a failed event and exits 0.)
 */

/** The events the app handles; a workflow triggered by anything else does nothing. */
const EVENTS = ["issues", "issue_comment"] as const;
/** A workflow run on a schedule (or started by hand) mirrors the dashboard's bugs into the repository's issues. */
const SCHEDULED = ["schedule", "workflow_dispatch"] as const;

/** What the runner and action.yml put in the environment (inputs arrive as INPUT_*). */
const ActionEnvironment = z.object({
  INPUT_TOKEN: z.string().optional(),
  GITHUB_TOKEN: z.string().optional(),
  GITHUB_EVENT_NAME: z.string().min(1),
  GITHUB_EVENT_PATH: z.string().min(1),
  GITHUB_RUN_ID: z.string().default("local"),
  GITHUB_API_URL: z.string().default("https://api.github.com"),
  /** The app a token from another GitHub App acts as; GITHUB_TOKEN's by default. */
  INPUT_APP_ID: z.coerce.number().int().positive().default(ACTIONS_APP.id),
  INPUT_APP_SLUG: z.string().min(1).default(ACTIONS_APP.slug),
  /** A scheduled run that only prints what the mirror would open, update and close. */
  INPUT_DRY_RUN: z.enum(["true", "false", ""]).default("false"),
  GITHUB_REPOSITORY: z.string().regex(/^[^/\s]+\/[^/\s]+$/).optional(),
  GITHUB_SERVER_URL: z.string().default("https://github.com"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
});

export interface ActionIo {
  /** Probot's logger; by default its own (readable lines, at LOG_LEVEL). */
  log?: Logger;
  /** Where workflow commands go (`::error::`): the runner reads them from standard output. */
  stdout: (text: string) => void;
  /** How a scheduled run reaches the dashboard; the global fetch when absent. */
  fetch?: typeof fetch;
}

/** A workflow command's message, escaped as the runner expects. */
function workflowError(message: string): string {
  return `::error::${message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`;
}

/** Runs the app on the workflow's event; the exit status: 0 when handled or not for the app, 1 when it failed. */
export async function runAction(env: Record<string, string | undefined>, io: ActionIo): Promise<number> {
  const parsed = ActionEnvironment.safeParse(env);
  if (!parsed.success) {
    io.stdout(workflowError(`syztriage must run in a workflow: ${z.prettifyError(parsed.error)}`));
    return 1;
  }
  const { data } = parsed;
  const token = data.INPUT_TOKEN || data.GITHUB_TOKEN;
  if (!token) {
    io.stdout(workflowError("syztriage needs a token: the action's `token` input (by default the workflow's GITHUB_TOKEN)"));
    return 1;
  }
  const name = EVENTS.find((e) => e === data.GITHUB_EVENT_NAME);
  const scheduled = SCHEDULED.some((e) => e === data.GITHUB_EVENT_NAME);
  if (!name && !scheduled) {
    io.stdout(`syztriage handles ${EVENTS.join(" and ")} events (and ${SCHEDULED.join(" and ")} for the mirror), not ${data.GITHUB_EVENT_NAME}: nothing to do\n`);
    return 0;
  }
  const github = githubClient();
  const probot = new Probot({
    githubToken: token,
    baseUrl: data.GITHUB_API_URL,
    Octokit: withActionsIdentity(github.Octokit, { id: data.INPUT_APP_ID, slug: data.INPUT_APP_SLUG }),
    ...(io.log ? { log: io.log } : { logLevel: data.LOG_LEVEL }),
  });
  try {
    if (!name) return await mirrorOnce(probot, data, io);
    await probot.load(app);
    const payload = JSON.parse(await readFile(data.GITHUB_EVENT_PATH, "utf8")) as Parameters<Probot["receive"]>[0]["payload"];
    await probot.receive({ id: data.GITHUB_RUN_ID, name, payload } as Parameters<Probot["receive"]>[0]);
    return 0;
  } catch (err) {
    io.stdout(workflowError(`syztriage failed: ${err instanceof Error ? err.message : String(err)}`));
    return 1;
  } finally {
    await github.close();
  }
}

/** The scheduled run: one sync of the workflow's repository, printed; 1 when it could not run or something failed. */
async function mirrorOnce(probot: Probot, data: z.infer<typeof ActionEnvironment>, io: ActionIo): Promise<number> {
  const [owner = "", repo = ""] = (data.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo) {
    io.stdout(workflowError("syztriage needs GITHUB_REPOSITORY (owner/name) to mirror into"));
    return 1;
  }
  let triage: IssueTriage | undefined;
  await probot.load((loaded) => {
    triage = loadSyztriage(loaded, STANDALONE);
  });
  const octokit = (await probot.auth()) as Octokit;
  const config = await loadConfig(octokit, { owner, repo });
  if (!config.ok) {
    io.stdout(workflowError(`syztriage: ${config.error}`));
    return 1;
  }
  if (!config.config.mirror.enabled) {
    io.stdout("syztriage: mirror.enabled is not set in .github/syztriage.yml: nothing to mirror\n");
    return 0;
  }
  const dryRun = data.INPUT_DRY_RUN === "true";
  const identity = await appIdentity(probot);
  const target = { octokit, installation: 0, repo: { owner, repo }, repoUrl: `${data.GITHUB_SERVER_URL}/${owner}/${repo}`, login: identity.login, triage: (triage as IssueTriage).now, log: probot.log };
  const result = await runMirror(target, config.config, { dryRun, ...(io.fetch ? { fetch: io.fetch } : {}) });
  io.stdout(`${syncLines(result, { dryRun, maxOpen: config.config.mirror.maxOpen }).join("\n")}\n`);
  if (!result.ok) io.stdout(workflowError(`syztriage could not read the dashboard: ${result.error}`));
  else if (result.failed.length > 0) io.stdout(workflowError(`syztriage: ${result.failed.length} of the mirror's writes or triages failed`));
  return result.ok && result.failed.length === 0 ? 0 : 1;
}
