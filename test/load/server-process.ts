import { freePort } from "../../src/bench/load/free-port.js";
import { privateKey, WEBHOOK_SECRET } from "../../src/bench/load/in-process-app.js";
import { type Delivered, deliver, type Webhook } from "../../src/bench/load/webhooks.js";
import type { FakeGitHub } from "../../src/bench/fake-github/server.js";
import { type AppProcess, ready, ROOT, startApp } from "../deploy/app-process.js";

/**
 * The built server (lib/server.js, what `npm start` and the image run) as a child process in production
 * mode, pointed at the stand-in for GitHub as at a GitHub Enterprise Server (GHE_HOST), with GitHub's real
 * pacing (the server takes no other).
 */
export interface ServerProcess extends AppProcess {
  port: number;
  deliver(webhook: Webhook): Promise<Delivered>;
}

/** Repositories' config for the process tests: no user search, so that a triage at GitHub's pacing ends well within the 9 s Probot waits before answering 202. */
export const NO_LOOKUPS = { ".github/syztriage.yml": "mentions:\n  lookup: false\n" };

export async function startServer(github: FakeGitHub, options: { port?: number; redisUrl?: string } = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = {
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    APP_ID: String(github.world.app.id),
    PRIVATE_KEY: privateKey(),
    WEBHOOK_SECRET,
    GHE_HOST: github.host,
    GHE_PROTOCOL: "http",
    HOST: "127.0.0.1",
    PORT: String(port),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  };
  const app = startApp(ROOT, env);
  await ready(app);
  return { ...app, port, deliver: (webhook) => deliver(`${app.url}/api/github/webhooks`, WEBHOOK_SECRET, webhook) };
}

/** The JSON log lines of a server process's output. */
export function logLines(app: AppProcess): Record<string, unknown>[] {
  return app
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
