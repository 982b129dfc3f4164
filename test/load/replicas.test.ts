import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Delivered, issueWebhook, type Webhook } from "../../src/bench/load/webhooks.js";
import type { FakeGitHub } from "../../src/bench/fake-github/server.js";
import { stopApp } from "../deploy/app-process.js";
import { REDIS_MISSING, type RedisServer, startRedis } from "../store/redis-server.js";
import { burst, fakeGitHub, type LoadIssue, openIssues, settled } from "./harness.js";
import { until } from "../store/wait.js";
import { logLines, NO_LOOKUPS, type ServerProcess, startServer } from "./server-process.js";

// Two replicas (two server processes on one real redis-server) behind a load balancer that sends each
// event to both at the same moment: 20 new issues over 10 installations, 40 deliveries. Each issue must
// end with exactly one right summary written once, with no duplicate to delete afterwards.
describe.skipIf(REDIS_MISSING !== null)("two replicas on one Redis, the same events at the same moment", () => {
  let redis: RedisServer;
  let github: FakeGitHub;
  let issues: LoadIssue[];
  let replicas: ServerProcess[] = [];
  let delivered: [Delivered, Delivered][];

  beforeAll(async () => {
    redis = await startRedis();
    const made = await fakeGitHub(10, NO_LOOKUPS);
    github = made.github;
    issues = await openIssues(github, made.repos, 20);
    replicas = await Promise.all([startServer(github, { redisUrl: redis.url }), startServer(github, { redisUrl: redis.url })]);
    const webhooks: Webhook[] = issues.map(({ repo, issue }) => issueWebhook(github.world, { api: github.url }, repo, issue, "opened"));
    const [a, b] = replicas as [ServerProcess, ServerProcess];
    delivered = await burst((webhook) => Promise.all([a.deliver(webhook), b.deliver(webhook)]), webhooks);
    await settled(github, null, issues, 60_000);
  }, 150_000);

  afterAll(async () => {
    await Promise.all(replicas.map(stopApp));
    await github?.close();
    await redis?.stop();
  });

  test("both replicas accept every delivery (200, or 202 when one waited for the other's lock past Probot's 9 s)", () => {
    expect(delivered.flat().filter((d) => d.status !== 200 && d.status !== 202)).toEqual([]);
  });

  test("every issue holds exactly one right summary, created once: nothing to repair afterwards", () => {
    const counts = github.counts();
    expect(counts.byRoute["create-comment"]).toBe(issues.length);
    expect(counts.byRoute["delete-comment"]).toBeUndefined();
    expect(counts.byRoute["update-comment"]).toBeUndefined();
  });

  test("both replicas triaged every issue, one after the other: for each delivery one wrote and the other found nothing to write", async () => {
    const writesBy = (replica: ServerProcess) => new Map(logLines(replica).filter((l) => l.msg === "triaged").map((l) => [l.delivery, l.writes as number]));
    // The log reaches the pipe a little after the answer.
    await until(() => replicas.every((r) => writesBy(r).size >= issues.length), 5_000).catch(() => undefined);
    const [a, b] = replicas.map(writesBy) as [Map<unknown, number>, Map<unknown, number>];
    expect(a.size).toBe(issues.length);
    expect(b.size).toBe(issues.length);
    const pairs = [...a].map(([delivery, writes]) => [writes, b.get(delivery) ?? Number.NaN].sort((x, y) => x - y));
    expect(pairs.filter(([least, most]) => least !== 0 || !(most && most > 0))).toEqual([]);
  });

  test("each issue's labels were added once: the second replica found them and the summary in place", () => {
    expect(github.counts().byRoute["add-labels"]).toBeLessThanOrEqual(issues.length);
  });
});
