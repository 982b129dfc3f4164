import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commentBody, issueBody, repoBody, type Urls, userBody } from "../fake-github/bodies.js";
import type { FakeComment, FakeIssue, FakeRepo, FakeUser, World } from "../fake-github/world.js";

/** Real payloads (the octokit/webhooks examples, kept in test/fixtures/payloads) give every field GitHub sends. */
const PAYLOADS = fileURLToPath(new URL("../../../test/fixtures/payloads/", import.meta.url));

export type IssueAction = "opened" | "edited" | "reopened";
export type CommentAction = "created" | "edited";

export interface Webhook {
  /** X-GitHub-Delivery: a redelivery keeps it. */
  id: string;
  name: "issues" | "issue_comment";
  body: string;
}

const templates = new Map<string, Record<string, unknown>>();
function template(event: string): Record<string, unknown> {
  let found = templates.get(event);
  if (!found) {
    found = JSON.parse(readFileSync(`${PAYLOADS}${event}.json`, "utf8")) as Record<string, unknown>;
    templates.set(event, found);
  }
  return found;
}

interface Changes {
  title?: string;
  body?: string;
}

function changesOf(changes: Changes | undefined): Record<string, { from: string }> | undefined {
  if (!changes) return undefined;
  return Object.fromEntries(Object.entries(changes).map(([k, from]) => [k, { from: from as string }]));
}

function envelope(world: World, repo: FakeRepo, urls: Urls, event: string, sender: FakeUser, fields: Record<string, unknown>): string {
  const real = template(event);
  return JSON.stringify({
    ...real,
    ...fields,
    repository: { ...(real.repository as object), ...repoBody(world, repo, urls) },
    sender: userBody(sender, urls),
    installation: { id: repo.installation, node_id: Buffer.from(`023:Installation${repo.installation}`).toString("base64") },
  });
}

/** An `issues` event as GitHub sends it for the issue as it is now in the World. */
export function issueWebhook(world: World, urls: Urls, repo: FakeRepo, issue: FakeIssue, action: IssueAction, changes?: Changes): Webhook {
  const fields = { action, issue: issueBody(repo, issue, urls), ...(changes ? { changes: changesOf(changes) } : {}) };
  return { id: randomUUID(), name: "issues", body: envelope(world, repo, urls, `issues.${action}`, issue.user, fields) };
}

/** An `issue_comment` event for a comment of the issue. */
export function commentWebhook(world: World, urls: Urls, repo: FakeRepo, issue: FakeIssue, comment: FakeComment, action: CommentAction, changes?: Changes): Webhook {
  const fields = { action, issue: issueBody(repo, issue, urls), comment: commentBody(world, repo, issue, comment, urls), ...(changes ? { changes: changesOf(changes) } : {}) };
  return { id: randomUUID(), name: "issue_comment", body: envelope(world, repo, urls, `issue_comment.${action}`, comment.user, fields) };
}

/** The outcome of one delivery: GitHub's view (the status, or no answer at all). */
export type Delivered = { status: number } | { status: "failed"; error: string };

/** POSTs a webhook, signed with the app's secret, as GitHub delivers it. */
export async function deliver(webhooksUrl: string, secret: string, webhook: Webhook): Promise<Delivered> {
  const signature = `sha256=${createHmac("sha256", secret).update(webhook.body).digest("hex")}`;
  try {
    const response = await fetch(webhooksUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/5a2e0f1",
        "x-github-event": webhook.name,
        "x-github-delivery": webhook.id,
        "x-hub-signature-256": signature,
      },
      body: webhook.body,
    });
    await response.arrayBuffer();
    return { status: response.status };
  } catch (err) {
    return { status: "failed", error: String((err as Error).cause ?? err) };
  }
}
