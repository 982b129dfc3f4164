import { afterAll, beforeAll, expect, test } from "vitest";
import { type InProcessApp, startInProcessApp } from "../../src/bench/load/in-process-app.js";
import { commentWebhook, type Delivered, issueWebhook, type Webhook } from "../../src/bench/load/webhooks.js";
import type { FakeGitHub } from "../../src/bench/fake-github/server.js";
import { burst, fakeGitHub, type LoadIssue, openIssues, problems, shuffled } from "./harness.js";

// A burst as a busy tracker sends it: 200 webhooks for 50 new issues over 20 installations, delivered
// together in a shuffled order, some of GitHub's answers slow. The app's own throttling is on, its
// pacing shortened (what is counted here is requests, not time).
let github: FakeGitHub;
let app: InProcessApp;
let issues: LoadIssue[];
let webhooks: { kind: "opened" | "redelivery" | "plain comment" | "title edit"; webhook: Webhook }[];
let delivered: Delivered[];

beforeAll(async () => {
  const made = await fakeGitHub(20);
  github = made.github;
  issues = await openIssues(github, made.repos, 50);
  const urls = { api: github.url };
  webhooks = [];
  for (const { repo, issue } of issues) {
    const opened = issueWebhook(github.world, urls, repo, issue, "opened");
    const plain = github.world.addComment(issue, { body: "Same here on 6.1-rc3, reproducer attached in the dashboard.", user: github.world.user("reporter") });
    const title = issue.title;
    issue.title = `${title} (reproducible)`;
    webhooks.push(
      { kind: "opened", webhook: opened },
      // GitHub redelivers with the same delivery id and body.
      { kind: "redelivery", webhook: opened },
      { kind: "plain comment", webhook: commentWebhook(github.world, urls, repo, issue, plain, "created") },
      { kind: "title edit", webhook: issueWebhook(github.world, urls, repo, issue, "edited", { title }) },
    );
  }
  // Slow answers: a read in five takes 300 ms.
  github.inject({ kind: "read", fault: { kind: "slow", ms: 300 }, times: 120 });
  app = await startInProcessApp({ github, limits: { minTime: { write: 5, search: 10, notifications: 15 } } });
  delivered = await burst(app.deliver, shuffled(webhooks.map((w) => w.webhook)));
  await app.inFlight.drained(60_000);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await github?.close();
});

test("every one of the 200 webhooks is answered 200", () => {
  expect(webhooks).toHaveLength(200);
  expect(delivered.filter((d) => d.status !== 200)).toEqual([]);
});

test("every one of the 50 issues holds exactly its one right summary and its labels", async () => {
  expect(await problems(github, issues)).toEqual([]);
});

test("each summary was written once: no second comment deleted, none rewritten by a redelivery or a title edit", () => {
  const counts = github.counts();
  expect(counts.byRoute["create-comment"]).toBe(50);
  expect(counts.byRoute["delete-comment"]).toBeUndefined();
  expect(counts.byRoute["update-comment"]).toBeUndefined();
});

test("a plain comment costs no GitHub request at all", () => {
  const plain = new Set(webhooks.filter((w) => w.kind === "plain comment").map((w) => w.webhook.id));
  expect(github.requests.filter((r) => r.delivery !== null && plain.has(r.delivery))).toEqual([]);
  // The header is there to count by: the other deliveries' requests carry it.
  expect(github.requests.filter((r) => r.delivery !== null).length).toBeGreaterThan(200);
});

test("every request is one the stand-in serves, with the installation's own token", () => {
  expect(github.requests.filter((r) => r.route === null || (r.status !== 200 && r.status !== 201 && r.status !== 404 && r.status !== 422))).toEqual([]);
  expect(github.requests.filter((r) => r.installation === null).map((r) => r.route)).toEqual(["app"]);
});
