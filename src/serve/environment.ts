import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

export type Environment = Record<string, string | undefined>;

/**
 * The process environment with `.env` applied over it, as Probot applies it (its setup page writes the
 * app's credentials there): read before Probot starts, because REDIS_URL chooses the GitHub client.
 */
export function loadEnvironment(cwd = process.cwd()): Environment {
  try {
    Object.assign(process.env, parseEnv(readFileSync(join(cwd, ".env"), "utf8")));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  return process.env;
}

/**
 * What Probot itself is told: all but REDIS_URL, as the app's own GitHub client throttles on Redis
 * (per installation); Probot's would fetch ioredis with npx at run time and keep one app-wide queue.
 */
export function probotEnvironment(env: Environment): Environment {
  const { REDIS_URL: _ours, ...rest } = env;
  return rest;
}
