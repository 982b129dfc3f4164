import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { connect } from "node:net";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sign } from "@octokit/webhooks-methods";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { fixtureText } from "../helpers/fixtures.js";
import { freePort, REDIS_MISSING, type RedisServer, startRedis } from "../store/redis-server.js";
import { until } from "../store/wait.js";
import {
  type AppProcess,
  cloneWorkingTree,
  heldGitHub,
  installedPackages,
  isRoot,
  npmStartOnce,
  productionInstall,
  ready,
  ROOT,
  startApp,
  stopApp,
} from "./app-process.js";

// From a fresh clone to what the Docker image runs, without Docker: `npm start` on a clone with nothing
// installed, then the clone's packed app installed for production and started as a non-root user.
const SECRET = "a-secret-from-the-app-settings";
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

const work = mkdtempSync(join(tmpdir(), "syztriage-deploy-"));
let cloneStart: Awaited<ReturnType<typeof npmStartOnce>>;
let clone: string;
let installed: string;
const started: AppProcess[] = [];
beforeAll(async () => {
  clone = join(work, "clone");
  cloneWorkingTree(clone);
  cloneStart = await npmStartOnce(clone);
  installed = productionInstall(clone, work);
}, 240_000);
afterEach(async () => {
  await Promise.all(started.splice(0).map(stopApp));
});
afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

test("on a fresh clone `npm start` alone installs from the lockfile, says so in one line, builds and serves the setup page", () => {
  expect(cloneStart.page?.status, cloneStart.output).toBe(200);
  expect(cloneStart.page?.text).toContain("Register GitHub App");
  const said = cloneStart.output.split("\n").filter((line) => line.startsWith("syztriage:"));
  expect(said).toEqual(["syztriage: installing the dependencies from package-lock.json (node_modules is missing): npm ci"]);
  expect(existsSync(join(clone, "lib/server.js"))).toBe(true);
});

async function app(env: Record<string, string>): Promise<AppProcess> {
  const running = startApp(installed, { HOST: "127.0.0.1", PORT: String(await freePort()), ...env });
  started.push(running);
  return running;
}

const production = (extra: Record<string, string> = {}) => ({ NODE_ENV: "production", APP_ID: "4242", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, ...extra });

/** The image's HEALTHCHECK, run as Docker would (exec form), against a port. */
function healthcheck(port: string): number {
  const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
  const command = JSON.parse(/^HEALTHCHECK .*?CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? "[]") as string[];
  try {
    execFileSync(command[0] as string, command.slice(1), { env: { PATH: process.env.PATH, PORT: port }, stdio: "ignore", timeout: 10_000 });
    return 0;
  } catch (err) {
    return (err as { status: number }).status;
  }
}

test("the install holds the runtime dependencies and no development one", () => {
  const packages = installedPackages(installed);
  for (const runtime of ["probot", "ioredis", "bottleneck", "zod", "yaml"]) expect(packages, runtime).toContain(runtime);
  for (const dev of ["typescript", "vitest", "nock", "@types/node"]) expect(packages, dev).not.toContain(dev);
});

test("without credentials it serves Probot's setup page from app.yml, as a non-root user, and no /health", async () => {
  const running = await app({});
  await ready(running);
  expect(running.uid()).not.toBe(0);
  if (isRoot) expect(running.uid()).toBe(65534);
  const page = await fetch(`${running.url}/probot`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("Register GitHub App");
  expect(html).toContain("issue_comment");
  expect((await fetch(`${running.url}/health`)).status).toBe(404);
});

test("NODE_ENV=production refuses to start without a webhook secret", async () => {
  const running = await app({ NODE_ENV: "production", APP_ID: "4242", PRIVATE_KEY: privateKey });
  expect(await running.exited).toBe(1);
  expect(running.output()).toContain("WEBHOOK_SECRET");
});

describe("with credentials", () => {
  test("/health answers 200, the Dockerfile's HEALTHCHECK passes, and the logs are JSON lines", async () => {
    const running = await app(production());
    await ready(running);
    const health = await fetch(`${running.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect(healthcheck(new URL(running.url).port)).toBe(0);
    const lines = running.output().trim().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty("msg");
  });

  test("SIGTERM: no new webhooks, the triage in flight is waited for, then a clean exit", async () => {
    const github = await heldGitHub();
    try {
      const running = await app(production({ GHE_HOST: github.host, GHE_PROTOCOL: "http" }));
      await ready(running);
      const event = JSON.stringify({
        ...JSON.parse(fixtureText("payloads/issues.opened.json")),
        installation: { id: 42 },
        issue: { ...JSON.parse(fixtureText("payloads/issues.opened.json")).issue, body: fixtureText("logs/seed-2020-culprit.txt") },
      });
      const hangUp = new AbortController();
      const delivery = fetch(`${running.url}/api/github/webhooks`, {
        method: "POST",
        signal: hangUp.signal,
        headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "d-1", "x-hub-signature-256": await sign(SECRET, event) },
        body: event,
      });
      // The triage is in flight once it has asked GitHub something (the stand-in holds every request).
      await until(() => github.requests.length > 0);
      // GitHub hangs up after 10 s; the triage goes on without its request, so only the tracker can wait for it.
      hangUp.abort();
      await delivery.catch(() => undefined);
      running.child.kill("SIGTERM");
      await until(() => running.output().includes("no longer listening"));
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect(Number(new URL(running.url).port), "127.0.0.1");
        socket.once("connect", () => (socket.destroy(), resolve(false)));
        socket.once("error", () => resolve(true));
      });
      expect(refused).toBe(true);
      // Without the tracker it would exit within milliseconds of closing the listener.
      await sleep(500);
      expect(running.child.exitCode).toBeNull();
      github.release();
      expect(await running.exited).toBe(0);
      expect(running.output()).toContain("triage failed");
    } finally {
      await github.close();
    }
  });

  describe.skipIf(REDIS_MISSING !== null)("and REDIS_URL", () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => redis.stop());

    test("/health answers 200 while Redis answers and 503 once it is gone; the HEALTHCHECK follows", async () => {
      const running = await app(production({ REDIS_URL: redis.url }));
      await ready(running);
      expect((await fetch(`${running.url}/health`)).status).toBe(200);
      await redis.stop();
      const health = await fetch(`${running.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "unavailable", problem: "redis does not answer" });
      expect(healthcheck(new URL(running.url).port)).toBe(1);
      redis = await startRedis();
    });
  });
});
