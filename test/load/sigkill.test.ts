import { afterAll, beforeAll, expect, test } from "vitest";
import { type Delivered, issueWebhook, type Webhook } from "../../src/bench/load/webhooks.js";
import type { FakeGitHub } from "../../src/bench/fake-github/server.js";
import { stopApp } from "../deploy/app-process.js";
import { until } from "../store/wait.js";
import { burst, fakeGitHub, type LoadIssue, openIssues, settled } from "./harness.js";
import { logLines, NO_LOOKUPS, type ServerProcess, startServer } from "./server-process.js";

// The server process SIGKILLed in the middle of a burst (20 new issues over 20 installations), started
// again on the same port, and the deliveries GitHub saw fail redelivered, as an operator (or a script on
// GitHub's "redeliver" API) does: every issue ends with exactly one right summary.
let github: FakeGitHub;
let issues: LoadIssue[];
let webhooks: Webhook[];
let first: Delivered[];
let redelivered: Delivered[];
let killedWithComments = 0;
const processes: ServerProcess[] = [];

beforeAll(async () => {
  const made = await fakeGitHub(20, NO_LOOKUPS);
  github = made.github;
  issues = await openIssues(github, made.repos, 20);
  webhooks = issues.map(({ repo, issue }) => issueWebhook(github.world, { api: github.url }, repo, issue, "opened"));
  const killed = await startServer(github);
  processes.push(killed);
  let answered = 0;
  const sent = burst(async (webhook) => {
    const delivered = await killed.deliver(webhook);
    if (delivered.status === 200) answered++;
    return delivered;
  }, webhooks);
  await until(() => answered >= 3, 30_000);
  killed.child.kill("SIGKILL");
  first = await sent;
  await killed.exited;
  killedWithComments = issues.filter(({ issue }) => github.world.appComments(issue).length > 0).length;
  const restarted = await startServer(github, { port: killed.port });
  processes.push(restarted);
  redelivered = await burst(restarted.deliver, webhooks.filter((_, i) => first[i]?.status !== 200));
  await settled(github, null, issues, 60_000);
}, 150_000);

afterAll(async () => {
  await Promise.all(processes.map(stopApp));
  await github?.close();
});

test("the kill came mid-burst: some deliveries had succeeded, the others got no answer (none was answered 202 and then lost)", () => {
  const outcomes = first.map((d) => (d.status === "failed" ? "no answer" : d.status));
  expect(outcomes.filter((o) => o === 200).length).toBeGreaterThanOrEqual(3);
  expect(outcomes.filter((o) => o === "no answer").length).toBeGreaterThan(0);
  expect(outcomes.filter((o) => o !== 200 && o !== "no answer")).toEqual([]);
  expect(killedWithComments).toBeLessThan(issues.length);
});

test("every redelivery is answered 200 by the restarted server", () => {
  expect(redelivered.map((d) => d.status)).toEqual(redelivered.map(() => 200));
});

test("every issue holds exactly one right summary: none was written twice, none deleted, none lost", () => {
  // `settled` above waited for the right summaries; what it cannot see is a write undone.
  expect(github.counts().byRoute["create-comment"]).toBe(issues.length);
  expect(github.counts().byRoute["delete-comment"]).toBeUndefined();
});

test("the restarted server logged a triage for each redelivered issue, with its delivery", async () => {
  const restarted = processes[1] as ServerProcess;
  const triaged = () => new Set(logLines(restarted).filter((l) => l.msg === "triaged").map((l) => l.delivery));
  const wanted = new Set(webhooks.filter((_, i) => first[i]?.status !== 200).map((w) => w.id));
  // The log reaches the pipe a little after the answer.
  await until(() => triaged().size >= wanted.size, 5_000).catch(() => undefined);
  expect(triaged()).toEqual(wanted);
});
