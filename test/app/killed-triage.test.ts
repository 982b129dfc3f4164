import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { STANDALONE, syztriageApp } from "../../src/index.js";
import { InFlight, type Store } from "../../src/store/index.js";
import { MemoryStore } from "../../src/store/memory-store.js";
import { RedisStore } from "../../src/store/redis-store.js";
import { QUIET, recordedBodies, seed, SEED_SHA } from "../helpers/app-fixtures.js";
import {
  github,
  nockAddsLabels,
  nockAuth,
  nockConfig,
  nockCreatesComment,
  nockTriageLookups,
  nockTriageStart,
  payload,
  REPO_PATH,
  SUBSYSTEM_LABEL,
  testProbot,
  useNock,
} from "../helpers/probot.js";
import { REDIS_MISSING, type RedisServer, startRedis } from "../store/redis-server.js";
import { until } from "../store/wait.js";

// A webhook accepted (Probot answers 202 after 9 s and goes on), then the process dies before the triage
// writes: GitHub does not deliver it again by itself. The job was recorded in the retry queue before the
// triage started, so another replica on the same Redis runs it once the record's lease is out.
useNock();
const bodies = recordedBodies();

/**
 * The retry queue scaled down: records and claims leased for 2 s instead of a minute (longer than the
 * live replica's first triage blocks its event loop, reading the bundled MAINTAINERS: a lease shorter than
 * that runs out under it and the retry is delivered twice).
 */
const RETRY = { leaseMs: 2_000, pollMs: 10, firstDelayMs: 20, maxAttempts: 3 };

describe.skipIf(REDIS_MISSING !== null)("a triage whose process dies after the webhook was accepted", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => redis?.stop());

  /** A replica of the app with a retry runner, its retries (and records) in the shared Redis. */
  async function replica(prefix: string, ownLocks: boolean) {
    let redisStore: RedisStore | undefined;
    const inFlight = new InFlight();
    const locks = new MemoryStore({ info() {}, warn() {}, error() {} });
    const store = (app: Parameters<typeof STANDALONE.store>[0]): Store => {
      const opened = new RedisStore(redis.url, app.log, { prefix, retry: RETRY });
      redisStore = opened;
      // The dying replica keeps its locks in its own memory: its death must not hold the issue for the
      // lock's own lease (a minute), which is not what this test is about.
      return ownLocks ? { kind: "redis", withLock: (k, l, fn) => locks.withLock(k, l, fn), cache: (i, n) => opened.cache(i, n), retries: opened.retries, ping: () => opened.ping(), close: () => opened.close() } : opened;
    };
    const made = await testProbot(syztriageApp({ ...STANDALONE, inFlight, retries: true, store }));
    return { ...made, inFlight, store: () => redisStore as RedisStore };
  }

  test("its job, recorded before the triage started, is run by another replica once the record's lease is out", async () => {
    const prefix = `killed-triage-${process.pid}:`;
    const event = payload("issues.opened", { body: seed });
    const dying = await replica(prefix, true);
    // The dying replica gets as far as listing the comments, whose answer comes only after its death.
    let asked = false;
    let answer: () => void = () => undefined;
    const late = new Promise<void>((resolve) => (answer = resolve));
    const scope = nockConfig(nockAuth(github()), QUIET);
    scope
      .get(`${REPO_PATH}/issues/1/comments`)
      .query(true)
      .reply(async () => {
        asked = true;
        await late;
        return [502, { message: "Server Error" }];
      });
    scope.get(`${REPO_PATH}/issues/1`).reply(200, event.payload.issue);
    const accepted = dying.probot.receive(event).catch(() => undefined);
    onTestFinished(async () => {
      answer();
      await accepted;
    });
    await until(() => asked);
    // Its death, as far as Redis can tell: no more renewals of its record, no consumer of its own.
    await dying.store().close();

    const retry = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(retry, { commit: { sha: SEED_SHA, status: 404 } });
    nockAddsLabels(retry, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(retry, 70, { record: bodies });
    const live = await replica(prefix, false);
    onTestFinished(() => live.store().close());
    await until(() => retry.isDone() && live.inFlight.size === 0);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain("**Likely culprit:** `2b0d3d3e4fcf`");
    expect(live.logs.filter((l) => (l.level as number) >= 40).map((l) => l.msg)).toEqual([]);
  });
});
