import type { z } from "zod";
import { KeyedQueue } from "./keyed-queue.js";
import { type ClaimedEntry, EntriesRetryQueue, type RetryEntries } from "./retry-queue.js";
import { readJson } from "./read-json.js";
import { type JsonValue, type Store, StoreOptions, type StoreLog, type TtlCache } from "./store.js";

/** Beyond this many cached values the oldest go first: memory must not grow with the number of issues. */
const CACHE_LIMIT = 20_000;
/** Never aborted: in one process a lock holder cannot die without its waiters. */
const NEVER = new AbortController().signal;

/** The store of a single replica: everything in this process, nothing survives a restart. */
export class MemoryStore implements Store {
  readonly kind = "memory";
  readonly #locks = new KeyedQueue();
  readonly #values = new Map<string, { text: string; expiresAt: number }>();
  readonly retries: EntriesRetryQueue;

  constructor(log: StoreLog, options: StoreOptions = {}) {
    this.retries = new EntriesRetryQueue(new MemoryRetryEntries(), StoreOptions.parse(options).retry, log);
  }

  withLock<T>(key: string, _leaseMs: number, fn: (lost: AbortSignal) => Promise<T>): Promise<T> {
    return this.#locks.run(key, () => fn(NEVER));
  }

  cache(installation: number, name: string): TtlCache {
    const prefix = `${installation}:${name}:`;
    const values = this.#values;
    return {
      async get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
        const value = values.get(prefix + key);
        if (!value) return undefined;
        if (value.expiresAt > Date.now()) return readJson(value.text, schema);
        values.delete(prefix + key);
        return undefined;
      },
      async set(key: string, value: JsonValue, ttlMs: number): Promise<void> {
        values.delete(prefix + key);
        values.set(prefix + key, { text: JSON.stringify(value), expiresAt: Date.now() + ttlMs });
        if (values.size > CACHE_LIMIT) values.delete(values.keys().next().value as string);
      },
      async delete(key: string): Promise<void> {
        values.delete(prefix + key);
      },
    };
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    await this.retries.stopAll();
  }
}

/** Retry entries in a Map; a claim's lease matters here only for a consumer that stopped mid-retry. */
class MemoryRetryEntries implements RetryEntries {
  readonly #entries = new Map<string, { entry: string; dueAt: number; token: string | null }>();

  async put(key: string, entry: string, delayMs: number): Promise<boolean> {
    if (this.#entries.get(key)?.token === null) return false;
    this.#entries.set(key, { entry, dueAt: Date.now() + delayMs, token: null });
    return true;
  }

  async hold(key: string, entry: string, token: string, leaseMs: number): Promise<void> {
    this.#entries.delete(key);
    this.#entries.set(key, { entry, dueAt: Date.now() + leaseMs, token });
  }

  async claim(token: string, leaseMs: number, limit: number): Promise<ClaimedEntry[]> {
    const now = Date.now();
    const claimed: ClaimedEntry[] = [];
    for (const [key, waiting] of this.#entries) {
      if (claimed.length >= limit) break;
      if (waiting.dueAt > now) continue;
      Object.assign(waiting, { token, dueAt: now + leaseMs });
      claimed.push({ key, entry: waiting.entry });
    }
    return claimed;
  }

  async renew(key: string, token: string, leaseMs: number): Promise<boolean> {
    const waiting = this.#entries.get(key);
    if (waiting?.token !== token) return false;
    waiting.dueAt = Date.now() + leaseMs;
    return true;
  }

  async ack(key: string, token: string): Promise<void> {
    if (this.#entries.get(key)?.token === token) this.#entries.delete(key);
  }
}
