import type { TriageJob } from "../app/handle-event.js";
import type { Config } from "../config/schema.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { configuredDashboard } from "./dashboard.js";
import { mirrorIssues } from "./github.js";
import { type SyncLog, type SyncResult, syncMirror } from "./sync.js";

/** One repository's sync as the server and the Action run it: through the app's client, as the app, triaging what it writes. */
export interface MirrorTarget {
  octokit: Octokit;
  /** 0 in the Action: its token is already an installation's. */
  installation: number;
  repo: RepoRef;
  repoUrl: string;
  /** The login the app opens issues as: its issues are the ones it mirrors. */
  login: string;
  /** Triages an issue it wrote, under the config the sync ran with. */
  triage: (job: TriageJob, config: Config) => Promise<void>;
  log: SyncLog;
}

export function runMirror(
  target: MirrorTarget,
  config: Config,
  options: { dryRun: boolean; signal?: AbortSignal; fetch?: typeof fetch; spacingMs?: number },
): Promise<SyncResult> {
  const { octokit, repo } = target;
  const deps = {
    issues: mirrorIssues(octokit, repo, target.login),
    dashboard: configuredDashboard(config, options),
    triage: (issue: number) =>
      target.triage({ installation: target.installation, ref: { ...repo, issue_number: issue }, repoUrl: target.repoUrl, delivery: `mirror:${repo.owner}/${repo.repo}#${issue}`, edited: null }, config),
    log: target.log,
  };
  return syncMirror(deps, config, options);
}

/** What a sync did, for the logs: counts, and what failed. */
export function syncSummary(result: SyncResult): Record<string, unknown> {
  if (!result.ok) return { error: result.error };
  const count = (action: string) => result.written.filter((w) => w.action === action).length;
  return { opened: count("open"), updated: count("update"), closed: count("close"), skipped: result.plan.skipped.length, waiting: result.plan.waiting, failed: result.failed };
}
