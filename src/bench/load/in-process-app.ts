import { generateKeyPairSync } from "node:crypto";
import { Writable } from "node:stream";
import { Probot, ProbotOctokit, Server } from "probot";
import { pino } from "pino";
import { readInline } from "../../app/read-off-thread.js";
import { syztriageApp } from "../../index.js";
import { type GitHubLimits, githubClient } from "../../octokit/limits.js";
import { InFlight, openStore, type StoreOptions } from "../../store/index.js";
import type { FakeGitHub } from "../fake-github/server.js";
import { freePort } from "./free-port.js";
import { type Delivered, deliver, type Webhook } from "./webhooks.js";

export const WEBHOOK_SECRET = "load-test-secret";

let key: string | undefined;
/** One RSA key per process: making one takes a while, and the stand-in does not check signatures. */
export function privateKey(): string {
  key ??= generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
  return key;
}

export interface InProcessOptions {
  github: FakeGitHub;
  /** The app's throttling (src/octokit/limits.ts); its defaults are GitHub's own pacing. */
  limits?: GitHubLimits;
  /** Octokit's wait before retrying a 5xx, times 1, 4, 9 (plugin-retry's base; 1,000 ms in production). */
  retryBaseMs?: number;
  /** Redis shared by replicas; the app's memory store when absent. */
  redisUrl?: string;
  store?: StoreOptions;
}

export interface InProcessApp {
  webhooksUrl: string;
  deliver(webhook: Webhook): Promise<Delivered>;
  /** Probot's log lines (JSON objects), info and up. */
  logs: Record<string, unknown>[];
  inFlight: InFlight;
  stop(): Promise<void>;
}

/**
 * The app as `npm start` runs it (Probot's server, the app's GitHub client with per-installation
 * throttling, the store and its retry runner), in this process, against the stand-in for GitHub.
 */
export async function startInProcessApp(options: InProcessOptions): Promise<InProcessApp> {
  const { github } = options;
  const client = githubClient({ ...options.limits, ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}) });
  const retryBase = options.retryBaseMs;
  const Octokit = (
    retryBase === undefined ? client.Octokit : client.Octokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { ...(o.retry as object), retryAfterBaseValue: retryBase } }))
  ) as typeof ProbotOctokit;
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ level: "info" }, stream);
  const port = await freePort();
  const inFlight = new InFlight();
  const server = new Server({
    host: "127.0.0.1",
    port,
    log,
    Probot: Probot.defaults({ appId: github.world.app.id, privateKey: privateKey(), secret: WEBHOOK_SECRET, baseUrl: github.url, Octokit, log }),
  });
  const stores: { close(): Promise<void> }[] = [];
  await server.load(
    syztriageApp({
      inFlight,
      readLog: readInline,
      retries: true,
      store: (app) => {
        const store = openStore(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}, app.log, options.store);
        stores.push(store);
        return store;
      },
    }),
  );
  await server.start();
  const webhooksUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
  return {
    webhooksUrl,
    deliver: (webhook) => deliver(webhooksUrl, WEBHOOK_SECRET, webhook),
    logs,
    inFlight,
    async stop() {
      await server.stop();
      await inFlight.drained(30_000);
      await Promise.all(stores.map((s) => s.close()));
      await client.close();
    },
  };
}
