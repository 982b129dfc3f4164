import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MemoryStore } from "../../src/store/memory-store.js";
import { RedisStore } from "../../src/store/redis-store.js";
import type { DueJob, Store, StoreOptions } from "../../src/store/index.js";
import { REDIS_MISSING, type RedisServer, startRedis } from "./redis-server.js";
import { collectLog, until } from "./wait.js";

/** Small times, so that backoff, leases and TTLs play out within a test. */
const FAST: StoreOptions = { retry: { firstDelayMs: 20, maxDelayMs: 80, leaseMs: 300, pollMs: 10, maxAttempts: 3 } };

let redis: RedisServer | undefined;
let run = 0;
beforeAll(async () => {
  if (!REDIS_MISSING) redis = await startRedis();
});
afterAll(async () => redis?.stop());

/** A fresh store of each kind per test; `replica()` opens another one on the same data (Redis: another connection). */
const KINDS: { kind: string; skip: boolean; open: () => { store: Store; replica: () => Store } }[] = [
  {
    kind: "memory",
    skip: false,
    open: () => {
      const store = new MemoryStore(collectLog().log, FAST);
      return { store, replica: () => store };
    },
  },
  {
    kind: "redis",
    skip: REDIS_MISSING !== null,
    open: () => {
      const options = { ...FAST, prefix: `test${++run}:` };
      const url = (redis as RedisServer).url;
      return { store: new RedisStore(url, collectLog().log, options), replica: () => new RedisStore(url, collectLog().log, options) };
    },
  },
];

const opened: Store[] = [];
function open(kind: (typeof KINDS)[number]) {
  const made = kind.open();
  opened.push(made.store);
  return {
    store: made.store,
    replica: () => {
      const another = made.replica();
      opened.push(another);
      return another;
    },
  };
}
afterAll(async () => {
  await Promise.all([...new Set(opened)].map((s) => s.close()));
});

describe.each(KINDS)("$kind store", (kind) => {
  describe.skipIf(kind.skip)("", () => {
    test("one holder of a lock at a time: the second waits for the first to finish", async () => {
      const { store, replica } = open(kind);
      const events: string[] = [];
      const first = store.withLock("o/r#1", 1_000, async () => {
        events.push("first in");
        await sleep(100);
        events.push("first out");
      });
      await until(() => events.length > 0);
      const second = replica().withLock("o/r#1", 1_000, async () => {
        events.push("second in");
      });
      await Promise.all([first, second]);
      expect(events).toEqual(["first in", "first out", "second in"]);
    });

    test("locks of different keys do not wait for each other", async () => {
      const { store } = open(kind);
      const events: string[] = [];
      const slow = store.withLock("o/r#1", 1_000, async () => {
        await sleep(150);
        events.push("issue 1 done");
      });
      await store.withLock("o/r#2", 1_000, async () => {
        events.push("issue 2 done");
      });
      await slow;
      expect(events).toEqual(["issue 2 done", "issue 1 done"]);
    });

    test("a lock is released when its holder throws, and the error is the caller's", async () => {
      const { store } = open(kind);
      await expect(store.withLock("k", 1_000, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
      await expect(store.withLock("k", 1_000, async () => "next")).resolves.toBe("next");
    });

    test("a holder that runs longer than its lease keeps the lock (renewed) until it finishes", async () => {
      const { store, replica } = open(kind);
      const events: string[] = [];
      let lost = false;
      const long = store.withLock("k", 120, async (signal) => {
        events.push("long in");
        await sleep(500);
        lost = signal.aborted;
        events.push("long out");
      });
      await until(() => events.length > 0);
      await replica().withLock("k", 120, async () => {
        events.push("other in");
      });
      await long;
      expect(events).toEqual(["long in", "long out", "other in"]);
      expect(lost).toBe(false);
    });

    test("cached JSON values: per installation and name, checked against the reader's schema, deleted", async () => {
      const { store, replica } = open(kind);
      const Logins = z.object({ login: z.string().nullable() });
      const labels = store.cache(42, "logins");
      await labels.set("a@example.org", { login: "alice" }, 10_000);
      await labels.set("b@example.org", { login: null }, 10_000);
      const elsewhere = replica().cache(42, "logins");
      expect(await elsewhere.get("a@example.org", Logins)).toEqual({ login: "alice" });
      expect(await elsewhere.get("b@example.org", Logins)).toEqual({ login: null });
      expect(await store.cache(43, "logins").get("a@example.org", Logins)).toBeUndefined();
      expect(await store.cache(42, "labels").get("a@example.org", Logins)).toBeUndefined();
      expect(await labels.get("a@example.org", z.array(z.string()))).toBeUndefined();
      await labels.delete("a@example.org");
      expect(await labels.get("a@example.org", Logins)).toBeUndefined();
    });

    test("cached values expire after their TTL", async () => {
      const { store } = open(kind);
      const cache = store.cache(1, "known-labels");
      await cache.set("o/r", ["subsystem: mm"], 60);
      await cache.set("o/s", ["subsystem: net"], 10_000);
      expect(await cache.get("o/r", z.array(z.string()))).toEqual(["subsystem: mm"]);
      await sleep(150);
      expect(await cache.get("o/r", z.array(z.string()))).toBeUndefined();
      expect(await cache.get("o/s", z.array(z.string()))).toEqual(["subsystem: net"]);
    });

    test("a scheduled retry is delivered once, after its backoff, as the next attempt", async () => {
      const { store } = open(kind);
      const delivered: DueJob[] = [];
      expect(await store.retries.schedule("o/r#7", { issue: 7 }, 1)).toBe("scheduled");
      const consumer = store.retries.consume(async (due) => {
        delivered.push(due);
      });
      await until(() => delivered.length > 0);
      await sleep(100);
      await consumer.stop();
      expect(delivered).toEqual([{ key: "o/r#7", job: { issue: 7 }, attempt: 2 }]);
    });

    test("a key already waiting is not scheduled twice", async () => {
      const { store } = open(kind);
      expect(await store.retries.schedule("o/r#7", { from: "first failure" }, 1)).toBe("scheduled");
      expect(await store.retries.schedule("o/r#7", { from: "second failure" }, 1)).toBe("pending");
      const delivered: DueJob[] = [];
      const consumer = store.retries.consume(async (due) => {
        delivered.push(due);
      });
      await until(() => delivered.length > 0);
      await sleep(100);
      await consumer.stop();
      expect(delivered.map((d) => d.job)).toEqual([{ from: "first failure" }]);
    });

    test("a failing retry is tried again with backoff until the cap of attempts, then given up and logged", async () => {
      const { log, lines } = collectLog();
      const store = kind.kind === "memory" ? new MemoryStore(log, FAST) : new RedisStore((redis as RedisServer).url, log, { ...FAST, prefix: `test${++run}:` });
      opened.push(store);
      const attempts: number[] = [];
      await store.retries.schedule("o/r#9", { issue: 9 }, 1);
      const consumer = store.retries.consume(async (due) => {
        attempts.push(due.attempt);
        throw new Error("GitHub is down");
      });
      await until(() => lines.some((l) => l.message === "giving up: every try failed"));
      await sleep(150);
      await consumer.stop();
      expect(attempts).toEqual([2, 3]);
      expect(await store.retries.schedule("o/r#9", { issue: 9 }, 3)).toBe("exhausted");
      expect(lines.filter((l) => l.message === "retry scheduled").map((l) => l.fields.attempt)).toEqual([2, 3]);
    });

    test("work recorded while it runs is not delivered, even past its lease, and is gone once it is done", async () => {
      const { store, replica } = open(kind);
      const delivered: DueJob[] = [];
      const consumer = replica().retries.consume(async (due) => void delivered.push(due));
      // Three leases long: the record is renewed while the work runs.
      const result = await store.retries.whileRecorded("o/r#3@delivery-1", { issue: 3 }, async () => {
        await sleep(900);
        return "done";
      });
      await sleep(400);
      await consumer.stop();
      expect(result).toBe("done");
      expect(delivered).toEqual([]);
    });

    test("work that fails leaves the retry scheduled inside it, and its record is gone", async () => {
      const { store } = open(kind);
      const work = store.retries.whileRecorded("o/r#4@delivery-2", { issue: 4 }, async () => {
        await store.retries.schedule("o/r#4", { issue: 4, retry: true }, 1);
        throw new Error("GitHub is down");
      });
      await expect(work).rejects.toThrow("GitHub is down");
      const delivered: DueJob[] = [];
      const consumer = store.retries.consume(async (due) => void delivered.push(due));
      await until(() => delivered.length > 0);
      await sleep(400);
      await consumer.stop();
      expect(delivered).toEqual([{ key: "o/r#4", job: { issue: 4, retry: true }, attempt: 2 }]);
    });

    test("the last try is the policy's cap of attempts", () => {
      const { store } = open(kind);
      expect([1, 2, 3, 4].map((attempt) => store.retries.isLast(attempt))).toEqual([false, false, true, true]);
    });

    test("two consumers share the due retries: each delivered exactly once", async () => {
      const { store, replica } = open(kind);
      const other = replica();
      const keys = Array.from({ length: 30 }, (_, i) => `o/r#${i}`);
      for (const key of keys) await store.retries.schedule(key, { key }, 1);
      const seen: string[] = [];
      const consume = (s: Store, name: string) =>
        s.retries.consume(async (due) => {
          await sleep(5);
          seen.push(`${due.key} by ${name}`);
        });
      const consumers = [consume(store, "a"), consume(other, "b")];
      await until(() => seen.length >= keys.length);
      await sleep(150);
      await Promise.all(consumers.map((c) => c.stop()));
      expect(seen.map((s) => s.split(" by ")[0]).sort()).toEqual([...keys].sort());
    });
  });
});
