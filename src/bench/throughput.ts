// Triaged issues per minute across 20 installations, with the app's real throttling (the GitHub client
// of src/octokit/limits.ts at GitHub's own pacing: per installation, a write a second, a search every
// 2 s, a comment every 3 s) against the stand-in for GitHub on loopback. Goal (issue 12): at least 60.

import { setTimeout as sleep } from "node:timers/promises";
import { FakeGitHub } from "./fake-github/server.js";
import type { FakeIssue, FakeRepo } from "./fake-github/world.js";
import { expectedTriage } from "./load/expected.js";
import { startInProcessApp } from "./load/in-process-app.js";
import { fixtureLogs, kernelForks, knowSeed } from "./load/scenario.js";
import { issueWebhook, type Webhook } from "./load/webhooks.js";

const THROUGHPUT_GOAL_PER_MINUTE = 60;
const INSTALLATIONS = 20;

export interface Throughput {
  issues: number;
  /** Of them, those that got a summary (a log the app has nothing to say about gets none). */
  commented: number;
  seconds: number;
  perMinute: number;
  /** Seconds from the webhook to the comment, by issue: median and slowest. */
  p50: number;
  max: number;
  requests: number;
  /** Searches per installation, the slowest group at GitHub's pacing (one every 2 s). */
  searchesPerInstallation: number;
  failedDeliveries: number;
}

/**
 * A burst: `perInstallation` new issues in each of the 20 installations, all delivered at once, each
 * with the log `logFor` gives it. Measured until every issue has its comment.
 */
async function measureThroughput(perInstallation: number, logFor: (index: number) => { title: string; body: string }): Promise<Throughput> {
  const github = await FakeGitHub.start();
  const repos = kernelForks(github.world, INSTALLATIONS);
  for (const repo of repos) knowSeed(github.world, repo);
  const app = await startInProcessApp({ github });
  try {
    const opened: { repo: FakeRepo; issue: FakeIssue; webhook: Webhook }[] = [];
    for (let n = 0; n < perInstallation; n++)
      for (const repo of repos) {
        const issue = github.world.openIssue(repo, { ...logFor(opened.length), author: "syzbot-relay" });
        opened.push({ repo, issue, webhook: issueWebhook(github.world, { api: github.url }, repo, issue, "opened") });
      }
    // A log the app has nothing to say about gets no comment: its triage ends when the app is idle.
    const commented = [];
    for (const o of opened) if ((await expectedTriage(github.world, o.repo, o.issue)).comment !== null) commented.push(o.issue);
    const started = performance.now();
    const done = new Map<FakeIssue, number>();
    const watch = (async () => {
      while (done.size < commented.length) {
        for (const issue of commented) if (!done.has(issue) && github.world.appComments(issue).length > 0) done.set(issue, (performance.now() - started) / 1000);
        await sleep(50);
      }
    })();
    const delivered = await Promise.all(opened.map((o) => app.deliver(o.webhook)));
    await Promise.race([watch, sleep(600_000, undefined, { ref: false })]);
    await app.inFlight.drained(600_000);
    const seconds = (performance.now() - started) / 1000;
    const times = [...done.values()].sort((a, b) => a - b);
    return {
      issues: opened.length,
      commented: done.size,
      seconds,
      perMinute: (opened.length / seconds) * 60,
      p50: times[Math.floor(times.length / 2)] ?? Number.NaN,
      max: times.at(-1) ?? Number.NaN,
      requests: github.requests.length,
      searchesPerInstallation: github.counts().searches / INSTALLATIONS,
      failedDeliveries: delivered.filter((d) => d.status !== 200 && d.status !== 202).length,
    };
  } finally {
    await app.stop();
    await github.close();
  }
}

function line(name: string, t: Throughput): string {
  const verdict = t.perMinute >= THROUGHPUT_GOAL_PER_MINUTE ? "met" : "MISSED";
  return `  ${name}: ${t.issues} issues (${t.commented} commented) in ${t.seconds.toFixed(1)} s = ${t.perMinute.toFixed(0)} a minute (goal >= ${THROUGHPUT_GOAL_PER_MINUTE}: ${verdict}); webhook to comment p50 ${t.p50.toFixed(1)} s, max ${t.max.toFixed(1)} s; ${t.requests} requests, ${t.searchesPerInstallation.toFixed(1)} searches an installation, ${t.failedDeliveries} failed deliveries`;
}

export async function benchThroughput(log: (line: string) => void): Promise<void> {
  const logs = fixtureLogs();
  log(`${INSTALLATIONS} installations, a burst of new issues delivered at once, GitHub's pacing per installation:`);
  const seed = logs[0];
  if (!seed) throw new Error("no fixture logs");
  log(line("5 seed issues each", await measureThroughput(5, () => ({ title: "seed", body: seed.text }))));
  log(line(`5 issues each, the ${logs.length} real logs in turn`, await measureThroughput(5, (i) => {
    const pick = logs[i % logs.length] ?? seed;
    return { title: pick.name, body: pick.text };
  })));
}
