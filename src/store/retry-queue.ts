import { randomUUID } from "node:crypto";
import { z } from "zod";
import { whileLeased } from "./lease.js";
import { readJson } from "./read-json.js";
import { type DueJob, JsonValue, type RetryConsumer, type RetryPolicy, type RetryQueue, type Scheduled, type StoreLog } from "./store.js";

/** A queued retry as the entries hold it. */
const RetryEntry = z.object({ job: JsonValue, attempt: z.number().int().min(2) });
type RetryEntry = z.infer<typeof RetryEntry>;

export interface ClaimedEntry {
  key: string;
  /** The stored text of the entry: JSON of a RetryEntry, unless damaged. */
  entry: string;
}

/**
 * Where retries wait: at most one per key, each due at a time, claimed by one consumer at a time for a
 * lease. Times are relative so that each implementation reads its own clock (Redis: the server's, which
 * every replica shares).
 */
export interface RetryEntries {
  /** Stores `entry` under `key`, due in `delayMs`, unless an unclaimed entry waits under `key` (then false). A claimed one is replaced. */
  put(key: string, entry: string, delayMs: number): Promise<boolean>;
  /** Claims up to `limit` due entries under `token` for `leaseMs`; an entry whose lease ran out is due again. */
  claim(token: string, leaseMs: number, limit: number): Promise<ClaimedEntry[]>;
  /** Extends the claim; false when the entry is no longer claimed under `token`. */
  renew(key: string, token: string, leaseMs: number): Promise<boolean>;
  /** Stores `entry` under `key` already claimed by `token` for `leaseMs` (work under way), replacing any entry there. */
  hold(key: string, entry: string, token: string, leaseMs: number): Promise<void>;
  /** Removes the entry if it is still claimed under `token` (a newer one put meanwhile stays). */
  ack(key: string, token: string): Promise<void>;
}

/** The wait before try `attempt + 1`: doubling from `firstDelayMs`, capped. */
function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(attempt - 1, 30));
}

/** Schedules and delivers retries over any RetryEntries: the logic both stores share. */
export class EntriesRetryQueue implements RetryQueue {
  readonly #consumers = new Set<RetryConsumer>();

  constructor(
    readonly entries: RetryEntries,
    readonly policy: RetryPolicy,
    readonly log: StoreLog,
  ) {}

  async schedule(key: string, job: JsonValue, attempt: number): Promise<Scheduled> {
    if (this.isLast(attempt)) {
      this.log.error({ retryKey: key, attempt }, "giving up: every try failed");
      return "exhausted";
    }
    const entry: RetryEntry = { job, attempt: attempt + 1 };
    const delayMs = retryDelayMs(attempt, this.policy);
    const stored = await this.entries.put(key, JSON.stringify(entry), delayMs);
    if (stored) this.log.warn({ retryKey: key, attempt: attempt + 1, delayMs }, "retry scheduled");
    return stored ? "scheduled" : "pending";
  }

  isLast(attempt: number): boolean {
    return attempt >= this.policy.maxAttempts;
  }

  async whileRecorded<T>(key: string, job: JsonValue, fn: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    const { leaseMs } = this.policy;
    const entry: RetryEntry = { job, attempt: 2 };
    await this.entries.hold(key, JSON.stringify(entry), token, leaseMs);
    try {
      return await whileLeased(leaseMs, () => this.entries.renew(key, token, leaseMs), fn);
    } finally {
      // Left behind, the record would only run the job once more after its lease.
      await this.entries.ack(key, token).catch((err: unknown) => this.log.error({ err, retryKey: key }, "could not clear the record of a finished job"));
    }
  }

  consume(handler: (due: DueJob) => Promise<void>): RetryConsumer {
    const consumer = new PollingConsumer(this, handler);
    this.#consumers.add(consumer);
    return {
      stop: async () => {
        this.#consumers.delete(consumer);
        await consumer.stop();
      },
    };
  }

  /** Stops every consumer (the store is closing). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#consumers].map((c) => c.stop()));
    this.#consumers.clear();
  }

  /** Runs one claimed retry: done when the handler resolves, scheduled again when it throws. */
  async deliver(claimed: ClaimedEntry, token: string, handler: (due: DueJob) => Promise<void>): Promise<void> {
    const { key } = claimed;
    const entry = readJson(claimed.entry, RetryEntry);
    if (!entry) {
      this.log.error({ retryKey: key }, "dropping a damaged retry entry");
      await this.entries.ack(key, token);
      return;
    }
    const { leaseMs } = this.policy;
    try {
      await whileLeased(leaseMs, () => this.entries.renew(key, token, leaseMs), () => handler({ key, ...entry }));
    } catch (err) {
      this.log.warn({ err, retryKey: key, attempt: entry.attempt }, "retry failed");
      if ((await this.schedule(key, entry.job, entry.attempt)) !== "exhausted") return;
    }
    await this.entries.ack(key, token);
  }
}

/** Looks for due retries every `pollMs` and runs up to `concurrency` of them at once. */
class PollingConsumer implements RetryConsumer {
  readonly #running = new Set<Promise<void>>();
  #stopped = false;
  #wake: (() => void) | null = null;
  readonly #loop: Promise<void>;

  constructor(
    readonly queue: EntriesRetryQueue,
    readonly handler: (due: DueJob) => Promise<void>,
  ) {
    this.#loop = this.#run();
  }

  async #run(): Promise<void> {
    const { policy, entries, log } = this.queue;
    while (!this.#stopped) {
      const room = policy.concurrency - this.#running.size;
      if (room > 0) {
        const token = randomUUID();
        try {
          for (const claimed of await entries.claim(token, policy.leaseMs, room)) this.#start(claimed, token);
        } catch (err) {
          log.error({ err }, "could not read the retry queue");
        }
      }
      await this.#sleep(policy.pollMs);
    }
  }

  #start(claimed: ClaimedEntry, token: string): void {
    const running = this.queue.deliver(claimed, token, this.handler).catch((err: unknown) => {
      this.queue.log.error({ err, retryKey: claimed.key }, "could not finish a retry");
    });
    this.#running.add(running);
    void running.finally(() => this.#running.delete(running));
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    await Promise.all(this.#running);
  }
}
