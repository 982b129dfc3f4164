import type { Redis } from "ioredis";

/**
 * The Lua scripts of the Redis store: each is one atomic step, so that two replicas never both take a
 * lock or a retry. Times come from the server (`TIME`), the one clock every replica shares.
 *
 * Retry keys: KEYS[1] a sorted set of retry keys by the time they are due (or their claim runs out),
 * KEYS[2] a hash key -> entry, KEYS[3] a hash key -> the token of the consumer holding the claim.
 */
const NOW_MS = "local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)";

const SCRIPTS = {
  /** ARGV: token, leaseMs. 1 when the lock is still ours and extended. */
  lockRenew: {
    keys: 1,
    lua: "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0",
  },
  /** ARGV: token. Deletes the lock only if it is still ours. */
  lockRelease: {
    keys: 1,
    lua: "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
  },
  /** ARGV: key, entry, delayMs. 0 when an unclaimed entry already waits under the key. */
  retryPut: {
    keys: 3,
    lua: `${NOW_MS}
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 and redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return 1`,
  },
  /** ARGV: key, entry, token, leaseMs. Stores the entry as claimed under the token, whatever waited under the key. */
  retryHold: {
    keys: 3,
    lua: `${NOW_MS}
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
return 1`,
  },
  /** ARGV: token, leaseMs, limit. Returns key1, entry1, key2, entry2, ... */
  retryClaim: {
    keys: 3,
    lua: `${NOW_MS}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, key in ipairs(due) do
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), key)
  redis.call('HSET', KEYS[3], key, ARGV[1])
  table.insert(out, key)
  table.insert(out, redis.call('HGET', KEYS[2], key) or '')
end
return out`,
  },
  /** ARGV: key, token, leaseMs. */
  retryRenew: {
    keys: 3,
    lua: `${NOW_MS}
if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return 1`,
  },
  /** ARGV: key, token. Removes the entry only if it is still claimed under the token. */
  retryAck: {
    keys: 3,
    lua: `if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1`,
  },
} as const satisfies Record<string, { keys: number; lua: string }>;

export type ScriptName = keyof typeof SCRIPTS;

/** Registers the scripts on a client (ioredis sends each by its hash, and the text once when Redis lacks it). */
export function defineScripts(redis: Redis): void {
  for (const [name, { keys, lua }] of Object.entries(SCRIPTS)) redis.defineCommand(name, { numberOfKeys: keys, lua });
}

/** Runs a script defined by `defineScripts`. */
export function runScript(redis: Redis, name: ScriptName, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
  const scripted = redis as unknown as Record<ScriptName, (...values: (string | number)[]) => Promise<unknown>>;
  return scripted[name](...keys, ...args);
}
