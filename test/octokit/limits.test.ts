import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { type Context, Probot } from "probot";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type GitHubClient, type GitHubLimits, githubClient } from "../../src/octokit/limits.js";
import { fixtureText } from "../helpers/fixtures.js";
import { REDIS_MISSING, type RedisServer, startRedis } from "../store/redis-server.js";

const API = "https://api.github.com";
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

/**
 * GitHub's answer to too much content creation, as reported in peter-evans/create-pull-request#2062 and
 * gr2m/helpdesk#62 (403, with the wait in `retry-after`).
 */
const SECONDARY_LIMIT = {
  message: "You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.",
  documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
};

const clients: GitHubClient[] = [];
afterAll(async () => Promise.all(clients.map((c) => c.close())));

/** A Probot (one replica) whose clients have these limits, running `handle` on issues.opened. */
async function replica(limits: GitHubLimits, handle: (context: Context<"issues.opened">) => Promise<unknown>): Promise<Probot> {
  const client = githubClient(limits);
  clients.push(client);
  const probot = new Probot({ appId: 1, privateKey, log: pino({ level: "silent" }), Octokit: client.Octokit });
  await probot.load((app: Probot) => app.on("issues.opened", async (context) => void (await handle(context))));
  return probot;
}

/** The real issues.opened example (octokit/webhooks) for an installation and issue. */
function opened(installation: number, issue = 1) {
  const payload = JSON.parse(fixtureText("payloads/issues.opened.json")) as Record<string, any>;
  payload.installation = { id: installation };
  payload.issue.number = issue;
  return { id: `delivery-${installation}-${issue}`, name: "issues" as const, payload: payload as Context<"issues.opened">["payload"] };
}

function nockTokens(...installations: number[]) {
  const scope = nock(API);
  for (const id of installations) scope.post(`/app/installations/${id}/access_tokens`).reply(201, { token: `token-${id}`, expires_at: "2999-01-01T00:00:00Z" });
  return scope;
}

const comment = (context: Context<"issues.opened">, body: string) => context.octokit.rest.issues.createComment(context.issue({ body }));
const COMMENTS = /\/repos\/Codertocat\/Hello-World\/issues\/\d+\/comments/;

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("a rate limit on a write is waited out", () => {
  // No pacing, so that the wait measured is retry-after's alone.
  const UNPACED: GitHubLimits = { minTime: { write: 0, notifications: 0 } };

  test("a secondary limit (403 with retry-after) on a comment is retried after retry-after, and the event succeeds", async () => {
    const probot = await replica(UNPACED, (context) => comment(context, "summary"));
    const at: number[] = [];
    const scope = nockTokens(1)
      .post("/repos/Codertocat/Hello-World/issues/1/comments")
      .reply(() => (at.push(Date.now()), [403, SECONDARY_LIMIT, { "retry-after": "1" }]))
      .post("/repos/Codertocat/Hello-World/issues/1/comments")
      .reply(() => (at.push(Date.now()), [201, { id: 5 }]));
    await probot.receive(opened(1));
    expect(scope.pendingMocks()).toEqual([]);
    expect(at).toHaveLength(2);
    expect((at[1] as number) - (at[0] as number)).toBeGreaterThanOrEqual(990);
  });

  test("a primary limit (x-ratelimit-remaining 0) is retried once the reset has passed", async () => {
    const probot = await replica(UNPACED, (context) => comment(context, "summary"));
    const reset = () => String(Math.ceil(Date.now() / 1000));
    const scope = nockTokens(1)
      .post("/repos/Codertocat/Hello-World/issues/1/comments")
      .reply(() => [403, { message: "API rate limit exceeded for installation ID 1." }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset() }])
      .post("/repos/Codertocat/Hello-World/issues/1/comments")
      .reply(201, { id: 5 });
    await probot.receive(opened(1));
    expect(scope.pendingMocks()).toEqual([]);
  });

  test("a wait longer than maxWaitSeconds is not waited: the request fails at once and the event with it", async () => {
    const probot = await replica({ ...UNPACED, maxWaitSeconds: 60 }, (context) => comment(context, "summary"));
    const scope = nockTokens(1).post("/repos/Codertocat/Hello-World/issues/1/comments").reply(403, SECONDARY_LIMIT, { "retry-after": "3600" });
    await expect(probot.receive(opened(1))).rejects.toThrow();
    expect(scope.pendingMocks()).toEqual([]);
  });
});

describe("throttling is per installation", () => {
  const SPACING = 1_000;

  test("installation 2's comment does not wait behind installation 1's, whose comments are spaced", async () => {
    const probot = await replica({ minTime: { write: SPACING, notifications: SPACING } }, async (context) => {
      const installation = context.payload.installation?.id ?? 0;
      return Promise.all(Array.from({ length: installation === 1 ? 2 : 1 }, (_, i) => comment(context, `from ${installation}, ${i}`)));
    });
    const at = new Map<string, number>();
    nockTokens(1, 2)
      .post(COMMENTS, (b: { body: string }) => at.set(b.body, Date.now()).size > 0)
      .times(3)
      .reply(201, { id: 1 });
    await Promise.all([probot.receive(opened(1, 1)), probot.receive(opened(2, 2))]);
    const time = (body: string) => at.get(body) ?? Number.NaN;
    // One app-wide queue (Probot's) would hold installation 2's comment back by a whole spacing.
    expect(Math.abs(time("from 2, 0") - time("from 1, 0"))).toBeLessThan(SPACING / 2);
    // (Less a little: the first request also waited for its token after leaving the queue.)
    expect(time("from 1, 1") - time("from 1, 0")).toBeGreaterThanOrEqual(SPACING * 0.8);
  });
});

describe.skipIf(REDIS_MISSING !== null)("with Redis, replicas share an installation's queues", () => {
  const SPACING = 600;
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => redis.stop());

  async function twoReplicasComment(limits: GitHubLimits): Promise<number> {
    const replicas = [await replica(limits, (c) => comment(c, "a")), await replica(limits, (c) => comment(c, "b"))];
    const at: number[] = [];
    nockTokens(1, 1).post(COMMENTS).times(2).reply(() => (at.push(Date.now()), [201, { id: 1 }]));
    await Promise.all(replicas.map((r, i) => r.receive(opened(1, i + 1))));
    expect(at).toHaveLength(2);
    return Math.abs((at[1] as number) - (at[0] as number));
  }

  test("two replicas' comments for one installation are spaced as one queue's", async () => {
    const gap = await twoReplicasComment({ redisUrl: redis.url, prefix: "limits-shared", minTime: { notifications: SPACING } });
    expect(gap).toBeGreaterThanOrEqual(SPACING * 0.8);
  });

  test("without Redis each replica paces only itself", async () => {
    const gap = await twoReplicasComment({ minTime: { notifications: SPACING } });
    expect(gap).toBeLessThan(SPACING);
  });
});
