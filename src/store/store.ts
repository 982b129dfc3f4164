import { z } from "zod";

/**
 * What replicas of the app coordinate through. One interface, two implementations:
 * in this process (memory-store.ts, one replica) and Redis (redis-store.ts, several).
 */
export interface Store {
  readonly kind: StoreKind;
  /**
   * Runs `fn` while holding the lock named `key`: one holder at a time across replicas. The lease is
   * renewed while `fn` runs and released when it settles; a holder that dies loses it `leaseMs` later.
   * `lost` aborts if a renewal fails (the lock may then have passed to another replica).
   */
  withLock<T>(key: string, leaseMs: number, fn: (lost: AbortSignal) => Promise<T>): Promise<T>;
  /** A cache of small JSON values with a TTL, one namespace per installation and cache name. */
  cache(installation: number, name: string): TtlCache;
  /** Failed work to try again later, delivered to one replica. */
  readonly retries: RetryQueue;
  /** True when the store answers (always, in memory): the health route's test. */
  ping(): Promise<boolean>;
  /** Stops the retry consumers (waiting for the retries running) and closes the connection. */
  close(): Promise<void>;
}

const StoreKind = z.enum(["memory", "redis"]);
type StoreKind = z.infer<typeof StoreKind>;

/** What the cache and the retry queue hold: JSON, so that every replica reads what another wrote. */
export const JsonValue = z.json();
export type JsonValue = z.infer<typeof JsonValue>;

export interface TtlCache {
  /** The value, or undefined when absent, expired, or not of `schema`'s shape (written by another version). */
  get<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined>;
  set(key: string, value: JsonValue, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A retry that is due: `attempt` counts the tries including this one (the first retry is attempt 2). */
export const DueJob = z.object({ key: z.string(), job: JsonValue, attempt: z.number().int().min(2) });
export type DueJob = z.infer<typeof DueJob>;

/**
 * What `schedule` did: `scheduled` (the next try is queued), `pending` (a try of this key was already
 * waiting; it stays, as the same key means the same work), `exhausted` (the cap of tries is reached).
 */
export const Scheduled = z.enum(["scheduled", "pending", "exhausted"]);
export type Scheduled = z.infer<typeof Scheduled>;

export interface RetryQueue {
  /**
   * After `attempt` tries of `job` failed, queues the next one under `key` with exponential backoff.
   * A handler given to `consume` that throws is scheduled again the same way.
   */
  schedule(key: string, job: JsonValue, attempt: number): Promise<Scheduled>;
  /**
   * Delivers due retries to `handler`, each to one consumer across replicas; a retry whose consumer dies
   * is delivered again once its lease expires. A retry is done when `handler` resolves.
   */
  consume(handler: (due: DueJob) => Promise<void>): RetryConsumer;
  /**
   * Runs `fn`, the first try of `job`, with `job` recorded under `key` meanwhile (claimed by this try, the
   * claim renewed while `fn` runs), so that it outlives this process: if the process dies, the claim runs
   * out after the lease and a consumer (another replica, or this one restarted, on a store that survives
   * it) delivers `job` as attempt 2. The record is removed when `fn` settles: a failure must be scheduled
   * from inside `fn`.
   */
  whileRecorded<T>(key: string, job: JsonValue, fn: () => Promise<T>): Promise<T>;
  /** Whether try `attempt` is the last: no retry follows its failure. */
  isLast(attempt: number): boolean;
}

export interface RetryConsumer {
  /** Stops taking retries and waits for the ones running. */
  stop(): Promise<void>;
}

/** Backoff and delivery of retries; the defaults suit GitHub outages (about a quarter of an hour in all). */
export const RetryPolicy = z.strictObject({
  /** Tries in all, the first one included. */
  maxAttempts: z.number().int().min(1).default(6),
  /** Wait before the second try; each later wait doubles, up to `maxDelayMs`. */
  firstDelayMs: z.number().int().min(1).default(30_000),
  maxDelayMs: z.number().int().min(1).default(30 * 60_000),
  /** A retry whose consumer stops renewing it (it died) is delivered again this much later. */
  leaseMs: z.number().int().min(10).default(60_000),
  /** How often a consumer looks for due retries. */
  pollMs: z.number().int().min(1).default(1_000),
  /** At most this many retries run at once in one consumer. */
  concurrency: z.number().int().min(1).default(4),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

/** Where the store reports what it does to retries (Probot's pino logger fits). */
export interface StoreLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const StoreOptions = z.strictObject({
  /** Prefix of every Redis key: several apps (or test runs) can share one Redis. */
  prefix: z.string().default("syztriage:"),
  retry: RetryPolicy.prefault({}),
});
export type StoreOptions = z.input<typeof StoreOptions>;
