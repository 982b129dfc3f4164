import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RedisStore } from "../../src/store/redis-store.js";
import type { DueJob } from "../../src/store/index.js";
import { REDIS_MISSING, type RedisServer, startRedis } from "./redis-server.js";
import { holdInChild, kill } from "./store-child.js";
import { collectLog, until } from "./wait.js";

// A replica is another process on the same Redis; here it is SIGKILLed while it holds something.
describe.skipIf(REDIS_MISSING !== null)("a replica killed while holding", () => {
  let redis: RedisServer;
  const stores: RedisStore[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await redis.stop();
  });
  const store = (prefix: string, retry = {}) => {
    const opened = new RedisStore(redis.url, collectLog().log, { prefix, retry });
    stores.push(opened);
    return opened;
  };

  /**
   * What a live replica's consumer is delivered: nothing while the child lives (it renews its claim, well
   * past one lease), then, once the child is SIGKILLed and its claim ran out, what the child held (once).
   */
  const deliveredOnceKilled = async (live: RedisStore, child: ChildProcess): Promise<DueJob[]> => {
    const delivered: DueJob[] = [];
    const consumer = live.retries.consume(async (due) => {
      delivered.push(due);
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(delivered).toEqual([]);
    await kill(child);
    await until(() => delivered.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await consumer.stop();
    return delivered;
  };

  test("a lock: the other replica waits while the holder lives, and proceeds once its lease runs out", async () => {
    const { child, held } = await holdInChild(redis.url, "kill-lock:", { lock: "o/r#1", leaseMs: 400 });
    expect(held).toBe("o/r#1");
    let acquiredAt = 0;
    const waiting = store("kill-lock:").withLock("o/r#1", 400, async () => {
      acquiredAt = Date.now();
    });
    // The child renews its lease: still held well past one lease.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(acquiredAt).toBe(0);
    const killedAt = Date.now();
    await kill(child);
    await waiting;
    expect(acquiredAt).toBeGreaterThanOrEqual(killedAt);
  });

  test("a retry: delivered again, as the same attempt, to a live replica once the dead one's claim runs out", async () => {
    const live = store("kill-retry:", { leaseMs: 400, pollMs: 10, firstDelayMs: 1 });
    await live.retries.schedule("o/r#5", { issue: 5 }, 1);
    const { child, held } = await holdInChild(redis.url, "kill-retry:", { retryLeaseMs: 400 });
    expect(JSON.parse(held)).toEqual({ key: "o/r#5", job: { issue: 5 }, attempt: 2 });
    expect(await deliveredOnceKilled(live, child)).toEqual([{ key: "o/r#5", job: { issue: 5 }, attempt: 2 }]);
  });

  // A webhook answered and then its process killed mid-triage: the job it recorded is run by another replica
  // (or the process restarted on the same Redis), as a retry.
  test("work under way: delivered to a live replica as attempt 2 once the dead one's record runs out, not before", async () => {
    const live = store("kill-record:", { leaseMs: 400, pollMs: 10 });
    const job = { installation: 7, ref: { owner: "o", repo: "r", issue_number: 6 }, repoUrl: "https://github.com/o/r", delivery: "d-6" };
    const { child, held } = await holdInChild(redis.url, "kill-record:", { record: "o/r#6@d-6", job, retryLeaseMs: 400 });
    expect(held).toBe("o/r#6@d-6");
    expect(await deliveredOnceKilled(live, child)).toEqual([{ key: "o/r#6@d-6", job, attempt: 2 }]);
  });
});
