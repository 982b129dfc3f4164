import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { z } from "zod";
import { whileLeased } from "./lease.js";
import { readJson } from "./read-json.js";
import { defineScripts, runScript } from "./redis-scripts.js";
import { type ClaimedEntry, EntriesRetryQueue, type RetryEntries } from "./retry-queue.js";
import { type JsonValue, type Store, StoreOptions, type StoreLog, type TtlCache } from "./store.js";

/** A waiter asks again for a held lock after this long at first, doubling up to the cap (with jitter). */
const LOCK_POLL_FIRST_MS = 10;
const LOCK_POLL_MAX_MS = 250;
/** The health check's patience: a Redis that does not answer in this time cannot serve. */
const PING_TIMEOUT_MS = 2_000;

const Claimed = z.array(z.string());

/** The store shared by replicas: locks, cache and retries in one Redis. */
export class RedisStore implements Store {
  readonly kind = "redis";
  readonly retries: EntriesRetryQueue;
  readonly #redis: Redis;
  readonly #prefix: string;
  #closed = false;

  constructor(url: string, log: StoreLog, options: StoreOptions = {}) {
    const { prefix, retry } = StoreOptions.parse(options);
    this.#prefix = prefix;
    // A few retries per command: a Redis that is down must fail a triage soon, not hold it for minutes.
    this.#redis = new Redis(url, { maxRetriesPerRequest: 3, connectionName: "syztriage" });
    this.#redis.on("error", (err: Error) => log.error({ err }, "redis"));
    defineScripts(this.#redis);
    this.retries = new EntriesRetryQueue(new RedisRetryEntries(this.#redis, `${prefix}retry:`), retry, log);
  }

  async withLock<T>(key: string, leaseMs: number, fn: (lost: AbortSignal) => Promise<T>): Promise<T> {
    const lock = `${this.#prefix}lock:${key}`;
    const token = randomUUID();
    for (let waitMs = LOCK_POLL_FIRST_MS; ; waitMs = Math.min(LOCK_POLL_MAX_MS, waitMs * 2)) {
      if (this.#closed) throw new Error("the store is closed");
      if ((await this.#redis.set(lock, token, "PX", leaseMs, "NX")) === "OK") break;
      await sleep(waitMs / 2 + Math.random() * (waitMs / 2));
    }
    try {
      return await whileLeased(leaseMs, async () => (await runScript(this.#redis, "lockRenew", [lock], [token, leaseMs])) === 1, fn);
    } finally {
      // A release that fails (Redis went away) costs nothing: the lease runs out by itself.
      await runScript(this.#redis, "lockRelease", [lock], [token]).catch(() => undefined);
    }
  }

  cache(installation: number, name: string): TtlCache {
    const prefix = `${this.#prefix}cache:${installation}:${name}:`;
    const redis = this.#redis;
    return {
      async get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
        const text = await redis.get(prefix + key);
        return text === null ? undefined : readJson(text, schema);
      },
      async set(key: string, value: JsonValue, ttlMs: number): Promise<void> {
        await redis.set(prefix + key, JSON.stringify(value), "PX", ttlMs);
      },
      async delete(key: string): Promise<void> {
        await redis.del(prefix + key);
      },
    };
  }

  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
    try {
      return await Promise.race([this.#redis.ping().then((answer) => answer === "PONG", () => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.retries.stopAll();
    if (this.#redis.status === "ready") await this.#redis.quit();
    else this.#redis.disconnect();
  }
}

class RedisRetryEntries implements RetryEntries {
  readonly #keys: [due: string, entries: string, claims: string];

  constructor(
    readonly redis: Redis,
    prefix: string,
  ) {
    this.#keys = [`${prefix}due`, `${prefix}entries`, `${prefix}claims`];
  }

  async put(key: string, entry: string, delayMs: number): Promise<boolean> {
    return (await runScript(this.redis, "retryPut", this.#keys, [key, entry, delayMs])) === 1;
  }

  async hold(key: string, entry: string, token: string, leaseMs: number): Promise<void> {
    await runScript(this.redis, "retryHold", this.#keys, [key, entry, token, leaseMs]);
  }

  async claim(token: string, leaseMs: number, limit: number): Promise<ClaimedEntry[]> {
    const flat = Claimed.parse(await runScript(this.redis, "retryClaim", this.#keys, [token, leaseMs, limit]));
    const claimed: ClaimedEntry[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) claimed.push({ key: flat[i] as string, entry: flat[i + 1] as string });
    return claimed;
  }

  async renew(key: string, token: string, leaseMs: number): Promise<boolean> {
    return (await runScript(this.redis, "retryRenew", this.#keys, [key, token, leaseMs])) === 1;
  }

  async ack(key: string, token: string): Promise<void> {
    await runScript(this.redis, "retryAck", this.#keys, [key, token]);
  }
}
