import Bottleneck from "bottleneck";
import { Redis } from "ioredis";
import { ProbotOctokit } from "probot";
import { z } from "zod";

/**
 * GitHub's limits at the Octokit level, per installation. Probot's own throttling is one queue for the
 * whole app (its event clients carry no throttle `id`, so every installation shares "no-id") and gives up
 * on a secondary rate limit. Here each installation gets its own queues (keyed by the installation id, as
 * GitHub's limits are), shared by replicas through Redis when REDIS_URL is set, and a rate limit is
 * waited out and retried when GitHub asks for a bearable wait.
 */

/** The throttling groups of @octokit/plugin-throttling 11.0.5 (dist-src/index.js), GitHub's pacing for integrators. */
const THROTTLE_GROUPS = {
  global: { maxConcurrent: 10 },
  auth: { maxConcurrent: 1 },
  search: { maxConcurrent: 1, minTime: 2_000 },
  write: { maxConcurrent: 1, minTime: 1_000 },
  /** Writes that notify people (comments, issues): GitHub's content-creation limit. */
  notifications: { maxConcurrent: 1, minTime: 3_000 },
} as const satisfies Record<string, Bottleneck.ConstructorOptions>;
type ThrottleGroup = keyof typeof THROTTLE_GROUPS;
const ThrottleGroup = z.enum(Object.keys(THROTTLE_GROUPS) as [ThrottleGroup, ...ThrottleGroup[]]);

/** How long Redis keeps an idle installation's queue state (the plugin's value). */
const CLUSTER_STATE_TTL_MS = 2 * 60_000;

export const GitHubLimits = z.strictObject({
  /** Redis shared by the replicas (REDIS_URL): the queues of an installation are then one across them. */
  redisUrl: z.string().optional(),
  /** Prefix of the queues' names in Redis: replicas of one app share it. */
  prefix: z.string().default("syztriage"),
  /** A rate limit (secondary or primary) is waited out when GitHub asks for at most this many seconds... */
  maxWaitSeconds: z.number().min(0).default(120),
  /** ...and at most this many times per request; longer or repeated limits fail the request (the triage is retried later). */
  maxRetries: z.number().int().min(0).default(3),
  /** Spacing of a group's requests in ms, where GitHub's pacing is not wanted (tests). */
  minTime: z.partialRecord(ThrottleGroup, z.number().int().min(0)).default({}),
});
export type GitHubLimits = z.input<typeof GitHubLimits>;

/** The Octokit class to give Probot (`run(app, { Octokit })`, `new Probot({ Octokit })`), and how to let go of its Redis. */
export interface GitHubClient {
  Octokit: typeof ProbotOctokit;
  close(): Promise<void>;
}

interface LimitedRequest {
  method: string;
  url: string;
}
interface OctokitLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** The installation a client acts for, from its auth options: the key of its queues. */
function throttleId(options: Record<string, unknown>): string {
  const auth = options.auth as { installationId?: unknown } | undefined;
  return auth?.installationId ? `installation-${String(auth.installationId)}` : "app";
}

export function githubClient(input: GitHubLimits = {}): GitHubClient {
  const limits = GitHubLimits.parse(input);
  let connection: Bottleneck.IORedisConnection | undefined;
  let groups: Record<ThrottleGroup, Bottleneck.Group> | undefined;

  // Made with the first client, whose logger reports the connection's errors.
  const sharedGroups = (log: OctokitLog) => {
    if (!groups) {
      if (limits.redisUrl) {
        connection = new Bottleneck.IORedisConnection({ Redis, client: new Redis(limits.redisUrl, { maxRetriesPerRequest: 3 }) });
        connection.on("error", (err: unknown) => log.error({ err }, "throttling: redis"));
      }
      const common = connection ? { connection, timeout: CLUSTER_STATE_TTL_MS } : {};
      const made = {} as Record<ThrottleGroup, Bottleneck.Group>;
      for (const name of ThrottleGroup.options) {
        const minTime = limits.minTime[name];
        made[name] = new Bottleneck.Group({ ...THROTTLE_GROUPS[name], ...(minTime === undefined ? {} : { minTime }), ...common, id: `${limits.prefix}-${name}` });
      }
      groups = made;
    }
    return groups;
  };

  /** Waits out a rate limit GitHub gives a bearable `retry-after` for; gives up (the request fails) otherwise. */
  const onLimit = (kind: string) => (retryAfter: number, request: LimitedRequest, octokit: { log: OctokitLog }, retryCount: number) => {
    const retry = retryCount < limits.maxRetries && retryAfter <= limits.maxWaitSeconds;
    const fields = { method: request.method, url: request.url, retryAfter, retryCount };
    octokit.log.warn(fields, retry ? `${kind} rate limit: retrying after ${retryAfter} s` : `${kind} rate limit: giving up`);
    return retry;
  };

  const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => {
    const throttle = options.throttle as { enabled?: boolean } | undefined;
    if (throttle?.enabled === false) return options;
    return {
      ...options,
      throttle: {
        ...throttle,
        ...sharedGroups(options.log as OctokitLog),
        ...(connection ? { connection, Bottleneck } : {}),
        id: throttleId(options),
        onSecondaryRateLimit: onLimit("secondary"),
        onRateLimit: onLimit("primary"),
      },
    };
  });

  return {
    Octokit,
    async close() {
      await connection?.disconnect();
    },
  };
}
