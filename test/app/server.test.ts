import { createServer, type AddressInfo } from "node:net";
import { sign } from "@octokit/webhooks-methods";
import nock from "nock";
import { Probot, ProbotOctokit, Server } from "probot";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import app from "../../src/index.js";
import { fixtureText } from "../helpers/fixtures.js";
import {
  APP_ID,
  countGitHubCalls,
  github,
  nockAddsLabels,
  nockCreatesComment,
  nockTriageLookups,
  nockTriageStart,
  payload,
  PRIVATE_KEY,
  SUBSYSTEM_LABEL,
} from "../helpers/probot.js";

const SECRET = "a-real-secret";
let server: Server;
let url: string;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  server = new Server({
    host: "127.0.0.1",
    port,
    log: pino({ level: "silent" }),
    Probot: Probot.defaults({
      appId: APP_ID,
      privateKey: PRIVATE_KEY,
      secret: SECRET,
      log: pino({ level: "silent" }),
      Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
    }),
  });
  await server.load(app);
  await server.start();
  url = `http://127.0.0.1:${port}/api/github/webhooks`;
});

afterAll(async () => {
  await server.stop();
  nock.cleanAll();
  nock.enableNetConnect();
});

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});

async function deliver(body: string, signature: string) {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": "11111111-2222-3333-4444-555555555555",
      "x-hub-signature-256": signature,
    },
    body,
  });
}

test("a signed webhook is triaged through the real HTTP server", async () => {
  const event = JSON.stringify(payload("issues.opened", { body: fixtureText("logs/seed-2020-culprit.txt") }).payload);
  const bodies: string[] = [];
  const scope = nockTriageStart(github(), { config: "mentions:\n  enabled: false\n", comments: [] });
  nockTriageLookups(scope, { commit: { sha: "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e", status: 404 } });
  nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
  nockCreatesComment(scope, 1, { record: bodies });
  const response = await deliver(event, await sign(SECRET, event));
  expect(response.status).toBe(200);
  expect(scope.pendingMocks()).toEqual([]);
  expect(bodies[0]).toContain("**Likely culprit:** `2b0d3d3e4fcf`");
});

test("a webhook with a wrong signature is refused with 4xx and makes no GitHub call", async () => {
  const event = JSON.stringify(payload("issues.opened", { body: fixtureText("logs/seed-2020-culprit.txt") }).payload);
  const calls = countGitHubCalls();
  const response = await deliver(event, await sign("not-the-secret", event));
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(calls.count).toBe(0);
});
