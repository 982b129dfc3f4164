import { afterEach, describe, expect, test } from "vitest";
import { type InProcessApp, startInProcessApp } from "../../src/bench/load/in-process-app.js";
import { type Delivered, issueWebhook } from "../../src/bench/load/webhooks.js";
import type { FakeGitHub } from "../../src/bench/fake-github/server.js";
import { burst, FAULT_APP, fakeGitHub, type LoadIssue, messages, openIssues, problems, settled } from "./harness.js";

// What GitHub does wrong, one fault at a time, on a few new issues: each time every issue must end
// with exactly its one right summary, and no fault may show in a comment. Counts, not timings.
const running: { github: FakeGitHub; app: InProcessApp }[] = [];
afterEach(async () => {
  for (const { github, app } of running.splice(0)) {
    await app.stop();
    await github.close();
  }
});

/** A stand-in with `installations` forks and `count` new issues, and the app (FAULT_APP) in front of it. */
async function setUp(installations: number, count: number) {
  const { github, repos } = await fakeGitHub(installations);
  const issues = await openIssues(github, repos, count);
  const app = await startInProcessApp({ github, ...FAULT_APP });
  running.push({ github, app });
  const open = (list: readonly LoadIssue[] = issues): Promise<Delivered[]> =>
    burst(app.deliver, list.map(({ repo, issue }) => issueWebhook(github.world, { api: github.url }, repo, issue, "opened")));
  return { github, app, issues, open };
}

const statuses = (delivered: readonly Delivered[]) => delivered.map((d) => d.status);
/** What GitHub records for each delivery: the handler's failure comes back as an error status (Probot passes the request's own). */
const outcomes = (delivered: readonly Delivered[]) => delivered.map((d) => (d.status === 200 ? "ok" : "failed"));
const answered = (github: FakeGitHub, status: number) => github.requests.filter((r) => r.status === status).length;

describe("5xx answers", () => {
  test("a 502 on every kind of read and write, twice each, is retried by Octokit: every webhook succeeds and no triage fails", async () => {
    const { github, app, issues, open } = await setUp(3, 6);
    for (const path of [/\/contents\//, /\/issues\/\d+$/, /\/comments$/, /\/labels$/, /^\/search\//]) github.inject({ path, fault: { kind: "status", status: 502 }, times: 2 });
    expect(statuses(await open())).toEqual(Array(6).fill(200));
    await settled(github, app, issues);
    expect(answered(github, 502)).toBe(10);
    expect(messages(app)).not.toContain("triage failed");
  });
});

describe("rate limits", () => {
  test("a secondary limit (403, retry-after 1) on the comment write is waited out and retried: one comment, no failure", async () => {
    const { github, app, issues, open } = await setUp(1, 1);
    const limit = github.inject({ method: "POST", path: /\/issues\/\d+\/comments$/, fault: { kind: "secondary", status: 403, retryAfterSeconds: 1 }, times: 1 });
    expect(statuses(await open())).toEqual([200]);
    await settled(github, app, issues);
    expect(limit.hits).toBe(1);
    expect(github.counts().byRoute["create-comment"]).toBe(2);
    expect(messages(app)).toContain("secondary rate limit: retrying after 1 s");
    expect(messages(app)).not.toContain("triage failed");
  });

  test("a secondary limit answered 429 on the user search is waited out the same way", async () => {
    const { github, app, issues, open } = await setUp(1, 1);
    const limit = github.inject({ path: /^\/search\/users$/, fault: { kind: "secondary", status: 429, retryAfterSeconds: 1 }, times: 1 });
    expect(statuses(await open())).toEqual([200]);
    await settled(github, app, issues);
    expect(limit.hits).toBe(1);
    expect(messages(app)).not.toContain("triage failed");
  });

  test("a secondary limit longer than the app waits (retry-after 3600) fails the triage, which the retry queue then completes", async () => {
    const { github, app, issues, open } = await setUp(1, 1);
    github.inject({ method: "POST", path: /\/issues\/\d+\/comments$/, fault: { kind: "secondary", status: 403, retryAfterSeconds: 3600 }, times: 1 });
    expect(outcomes(await open())).toEqual(["failed"]);
    await settled(github, app, issues);
    expect(messages(app)).toEqual(expect.arrayContaining(["secondary rate limit: giving up", "triage failed", "retried"]));
  });

  test("a primary limit (403 and 429 with x-ratelimit-remaining 0) refuses a whole installation until its reset; the app waits for it", async () => {
    const { github, app, issues, open } = await setUp(2, 4);
    const limits = [
      github.inject({ installation: 1, fault: { kind: "primary", status: 403, resetInSeconds: 1 } }),
      github.inject({ installation: 2, fault: { kind: "primary", status: 429, resetInSeconds: 1 } }),
    ];
    expect(statuses(await open())).toEqual([200, 200, 200, 200]);
    await settled(github, app, issues);
    for (const limit of limits) expect(limit.hits).toBeGreaterThan(0);
    expect(messages(app)).not.toContain("triage failed");
  });
});

describe("failures that outlast Octokit's retries are repaired by the app's retry queue, with no further event", () => {
  test("the comment write failing with 502 for 3 s: several tries fail, then one comment each", async () => {
    const { github, app, issues, open } = await setUp(2, 4);
    const outage = github.inject({ method: "POST", path: /\/issues\/\d+\/comments$/, fault: { kind: "status", status: 502 }, forMs: 3_000 });
    expect(outcomes(await open())).toEqual(Array(4).fill("failed"));
    // Nothing written yet but the labels: a comment made worse by the failure is never posted.
    expect(issues.map(({ issue }) => github.world.appComments(issue).length)).toEqual([0, 0, 0, 0]);
    await settled(github, app, issues);
    expect(outage.hits).toBeGreaterThan(4 * 4);
    expect(messages(app).filter((m) => m === "retry failed").length).toBeGreaterThan(0);
    expect(github.counts().byRoute["create-comment"]).toBe(outage.hits + 4);
  });

  // The failed try added the labels; the retry finds them on the issue with no summary of its own yet,
  // and the issue's events tell it they are its own, so it records them (and will take them off later).
  test("the labels a failed try added stay the app's: the repaired summary's state records them", async () => {
    const { github, app, issues, open } = await setUp(1, 1);
    github.inject({ method: "POST", path: /\/issues\/\d+\/comments$/, fault: { kind: "status", status: 502 }, times: 4 });
    await open();
    await settled(github, app, issues);
    expect(await problems(github, issues)).toEqual([]);
  });

  test("the API unreachable for 1.5 s (connections refused): the webhooks fail, the triages are done once it is back", async () => {
    const { github, app, issues, open } = await setUp(2, 4);
    await github.down();
    const delivered = open();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await github.up();
    expect(outcomes(await delivered)).toEqual(Array(4).fill("failed"));
    await settled(github, app, issues);
    expect(messages(app)).toEqual(expect.arrayContaining(["triage failed", "retried"]));
    expect(await problems(github, issues)).toEqual([]);
  });

  test("dropped connections (no answer at all) on reads are retried like 5xx", async () => {
    const { github, app, issues, open } = await setUp(1, 2);
    const drops = github.inject({ kind: "read", fault: { kind: "reset" }, times: 3 });
    await open();
    await settled(github, app, issues);
    expect(drops.hits).toBe(3);
  });
});

describe("a failing config read is GitHub's failure, not the user's", () => {
  for (const where of ["the repository's file", "the owner's .github fallback"] as const) {
    test(`5xx past the retries on ${where}: the summary stays as it was, then the retry brings the new one`, async () => {
      const { github, app, issues, open } = await setUp(1, 2);
      await open();
      await settled(github, app, issues);
      const [first, second] = issues as [LoadIssue, LoadIssue];
      const before = github.world.appComments(first.issue)[0]?.body;
      // The issue edited to hold the other issue's log: its summary should change.
      const from = first.issue.body;
      first.issue.body = second.issue.body;
      const path = where === "the repository's file" ? /^\/repos\/org-1\/linux\/contents\/\.github/ : /^\/repos\/org-1\/\.github\/contents\//;
      github.inject({ path, fault: { kind: "status", status: 503 }, forMs: 2_000 });
      const since = github.requests.length;
      expect(outcomes([await app.deliver(issueWebhook(github.world, { api: github.url }, first.repo, first.issue, "edited", { body: from }))])).toEqual(["failed"]);
      expect(github.world.appComments(first.issue)[0]?.body).toBe(before);
      expect(github.counts({ since }).writes).toBe(0);
      // (The other issue's summary stays as it was: it now has a duplicate it was not triaged again to name.)
      await settled(github, app, [first]);
      expect(github.world.appComments(first.issue)[0]?.body).not.toBe(before);
      const bodies = github.requests.filter((r) => r.route === "update-comment" || r.route === "create-comment").map((r) => JSON.stringify(r.body));
      expect(bodies.filter((b) => /Configuration error|Server Error|Service Unavailable/.test(b))).toEqual([]);
    });
  }
});
