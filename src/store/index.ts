import { MemoryStore } from "./memory-store.js";
import { RedisStore } from "./redis-store.js";
import type { Store, StoreLog, StoreOptions } from "./store.js";

export { InFlight } from "./in-flight.js";
export { sharedRun } from "./shared-run.js";
export type { DueJob, JsonValue, RetryConsumer, RetryQueue, Scheduled, Store, StoreLog, StoreOptions, TtlCache } from "./store.js";

/** The store `REDIS_URL` asks for: Redis, shared by replicas, when it is set; this process's memory when not. */
export function openStore(env: { REDIS_URL?: string | undefined }, log: StoreLog, options: StoreOptions = {}): Store {
  const url = env.REDIS_URL?.trim();
  return url ? new RedisStore(url, log, options) : new MemoryStore(log, options);
}
