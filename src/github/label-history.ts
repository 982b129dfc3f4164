import type { LabelEvent } from "../decide/facts.js";
import type { AppIdentity } from "./identity.js";
import type { IssueRef, Octokit } from "./types.js";

/** Who last added or took off each of these labels, from the issue's events (oldest first, so the last one wins). */
export async function readLabelHistory(octokit: Octokit, ref: IssueRef, identity: AppIdentity, labels: readonly string[]): Promise<Map<string, LabelEvent>> {
  const wanted = new Set(labels.map((l) => l.toLowerCase()));
  const out = new Map<string, LabelEvent>();
  const events = await octokit.paginate(octokit.rest.issues.listEvents, { ...ref, per_page: 100 });
  for (const e of events) {
    const name = (e as { label?: { name?: string } }).label?.name?.toLowerCase();
    if ((e.event !== "labeled" && e.event !== "unlabeled") || !name || !wanted.has(name)) continue;
    const byApp = e.performed_via_github_app?.id === identity.id || e.actor?.login === identity.login;
    out.set(name, { action: e.event, byApp });
  }
  return out;
}
