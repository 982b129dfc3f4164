import { readFile } from "node:fs/promises";
import { type Logger, Probot } from "probot";
import { z } from "zod";
import app from "../index.js";
import { githubClient } from "../octokit/limits.js";
import { ACTIONS_APP, withActionsIdentity } from "./actions-identity.js";

/**
 * The GitHub Action: the same app function, run once on the event of the workflow run, through Probot's
 * own `receive`. (@probot/adapter-github-actions does this too, but its release on npm, 4.0.3, depends on
 * probot 13 and would install a second Probot beside ours; it also logs a failed event and exits 0.)
 */

/** The events the app handles; a workflow triggered by anything else does nothing. */
const EVENTS = ["issues", "issue_comment"] as const;

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
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
});

export interface ActionIo {
  /** Probot's logger; by default its own (readable lines, at LOG_LEVEL). */
  log?: Logger;
  /** Where workflow commands go (`::error::`): the runner reads them from standard output. */
  stdout: (text: string) => void;
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
  if (!name) {
    io.stdout(`syztriage handles ${EVENTS.join(" and ")} events, not ${data.GITHUB_EVENT_NAME}: nothing to do\n`);
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
