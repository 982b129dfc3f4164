// GitHub requests per triage of the seed log on a new issue: the first (cold caches), then a new
// issue of the same installation with the same culprit and people (warm), against the stand-in for
// GitHub on loopback. Goals (issue 12): warm, at most 8 requests, 2 writes and 1 search.

import { setTimeout as sleep } from "node:timers/promises";
import { type Counts, FakeGitHub } from "./fake-github/server.js";
import type { FakeRepo } from "./fake-github/world.js";
import { type InProcessApp, startInProcessApp } from "./load/in-process-app.js";
import { kernelForks, knowSeed, SEED_LOG, SEED_TITLE } from "./load/scenario.js";
import { issueWebhook, type Webhook } from "./load/webhooks.js";

const REQUEST_GOALS = { requests: 8, writes: 2, searches: 1 } as const;

/** Delivers one webhook and waits for the triage it starts (and anything it leaves running) to end. */
async function triage(app: InProcessApp, webhook: Webhook): Promise<void> {
  const delivered = await app.deliver(webhook);
  if (delivered.status !== 200) throw new Error(`the webhook was answered ${JSON.stringify(delivered)}`);
  await app.inFlight.drained(60_000);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : word.endsWith("h") ? "es" : "s"}`;

function describe(counts: Counts): string {
  const routes = Object.entries(counts.byRoute).map(([route, n]) => (n > 1 ? `${route} x${n}` : route));
  return `${plural(counts.requests, "request").padStart(11)}, ${plural(counts.writes, "write")}, ${plural(counts.searches, "search")} (${routes.join(", ")})`;
}

export interface TriageCost {
  /** Requests with the installation's token, the token itself included. */
  installation: Counts;
  /** Requests with the app's JWT (GET /app). */
  app: Counts;
}

/** The requests of each triage in turn: `steps` runs one, given the repository. */
async function measureTriages(steps: readonly ((repo: FakeRepo, github: FakeGitHub) => Webhook)[]): Promise<TriageCost[]> {
  const github = await FakeGitHub.start();
  const [repo] = kernelForks(github.world, 1);
  if (!repo) throw new Error("no repository");
  knowSeed(github.world, repo);
  // Unpaced: pacing changes when requests are made, not how many.
  const app = await startInProcessApp({ github, limits: { minTime: { search: 0, write: 0, notifications: 0 } } });
  const costs: TriageCost[] = [];
  try {
    for (const step of steps) {
      const since = github.requests.length;
      await triage(app, step(repo, github));
      await sleep(20);
      costs.push({ installation: github.counts({ installation: repo.installation, since }), app: github.counts({ installation: null, since }) });
    }
  } finally {
    await app.stop();
    await github.close();
  }
  return costs;
}

const newSeedIssue = (repo: FakeRepo, github: FakeGitHub): Webhook => {
  const issue = github.world.openIssue(repo, { title: SEED_TITLE, body: SEED_LOG, author: "syzbot-relay" });
  return issueWebhook(github.world, { api: github.url }, repo, issue, "opened");
};

export async function benchRequests(log: (line: string) => void): Promise<void> {
  const [first, warm, edit] = await measureTriages([
    newSeedIssue,
    newSeedIssue,
    // The warm issue's title edited, its body (the log) unchanged.
    (repo, github) => {
      const issue = repo.issues.get(2);
      if (!issue) throw new Error("no issue 2");
      const title = issue.title;
      issue.title = `${title} (2)`;
      return issueWebhook(github.world, { api: github.url }, repo, issue, "edited", { title });
    },
  ]);
  if (!first || !warm || !edit) throw new Error("a triage is missing");
  log("seed log on a new issue, no .github/syztriage.yml (2 config reads), GitHub knows the culprit and 3 of the 5 people:");
  log(`  first triage, cold caches: ${describe(first.installation)}; with the app's JWT: ${describe(first.app)}`);
  log(`  warm (same installation, a new issue, same culprit and people): ${describe(warm.installation)}`);
  const goals = REQUEST_GOALS;
  const met = warm.installation.requests <= goals.requests && warm.installation.writes <= goals.writes && warm.installation.searches <= goals.searches;
  log(`  goal warm <= ${goals.requests} requests, ${goals.writes} writes, ${goals.searches} search: ${met ? "met" : "MISSED"}`);
  log(`  the warm issue's title edited, same log: ${describe(edit.installation)}`);
}
