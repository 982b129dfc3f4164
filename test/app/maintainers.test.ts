import nock from "nock";
import { afterEach, beforeEach, expect, test } from "vitest";
import { fixtureText } from "../helpers/fixtures.js";
import { github, nockAuth, nockConfig, ownComment, payload, REPO_PATH, strictProbot } from "../helpers/probot.js";

const seed = fixtureText("logs/seed-2020-culprit.txt");
const MAINTAINERS = fixtureText("linux/MAINTAINERS");
const MAILMAP = fixtureText("linux/mailmap");
const SEED_SHA = "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e";

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** Everything of a triage but the MAINTAINERS reads, which each test states itself. */
function triageScope(config: string, writes: (scope: nock.Scope) => nock.Scope): nock.Scope {
  const scope = nockConfig(nockAuth(github()), config)
    .get(`${REPO_PATH}/issues/1/comments`)
    .query(true)
    .reply(200, [])
    .get(`${REPO_PATH}/commits/${SEED_SHA}`)
    .query(true)
    .reply(404)
    .get("/search/issues")
    .query(true)
    .reply(200, { total_count: 0, items: [] });
  return writes(scope);
}

test("the repository's MAINTAINERS labels the culprit's subsystem and the crash's, read once per content", async () => {
  const { probot } = await strictProbot();
  const bodies: string[] = [];
  const scope = triageScope("mentions:\n  enabled: false\n", (s) =>
    s
      .get(`${REPO_PATH}/contents/MAINTAINERS`)
      .reply(200, MAINTAINERS, { etag: '"m1"' })
      .get(`${REPO_PATH}/contents/.mailmap`)
      .reply(200, MAILMAP, { etag: '"mm1"' })
      .get(`${REPO_PATH}/issues/1/labels`)
      .query(true)
      .reply(200, [])
      .post(`${REPO_PATH}/labels`)
      .times(2)
      .reply(201, {})
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["subsystem: mm", "subsystem: aio"] })
      .reply(200, [])
      .post(`${REPO_PATH}/issues/1/comments`, (b: { body: string }) => bodies.push(b.body) > 0)
      .reply(201, { id: 1 })
      .get(`${REPO_PATH}/issues/1/comments`)
      .query(true)
      .reply(200, [ownComment(1, "x")]),
  );
  await probot.receive(payload("issues.opened", { body: seed }));
  expect(scope.pendingMocks()).toEqual([]);
  expect(bodies[0]).toContain("Subsystems: **mm**, **aio**");
  expect(bodies[0]).toContain("in `fs/aio.c` (subsystem **aio**)");

  // The next event asks with If-None-Match: unchanged files cost a 304 each and no download.
  const again = nockConfig(github(), "mentions:\n  enabled: false\n")
    .get(`${REPO_PATH}/issues/1/comments`)
    .query(true)
    .reply(200, [ownComment(1, bodies[0]!)])
    .get(`${REPO_PATH}/contents/MAINTAINERS`)
    .matchHeader("if-none-match", '"m1"')
    .reply(304)
    .get(`${REPO_PATH}/contents/.mailmap`)
    .matchHeader("if-none-match", '"mm1"')
    .reply(304)
    .get("/search/issues")
    .query(true)
    .reply(200, { total_count: 0, items: [] })
    .get(`${REPO_PATH}/issues/1/labels`)
    .query(true)
    .reply(200, [{ name: "subsystem: mm" }, { name: "subsystem: aio" }]);
  await probot.receive(payload("issues.edited", { body: `${seed}\n` }));
  expect(again.pendingMocks()).toEqual([]);
});

test("mentions.maintainers mentions the maintainers of the culprit's sections, after the log's people", async () => {
  const { probot } = await strictProbot();
  const bodies: string[] = [];
  const config = "subsystems:\n  maintainers: kernel/MAINTAINERS\nmentions:\n  maintainers: true\n  lookup: false\n  users:\n    dennis@kernel.org: dennisszhou\n    axboe@kernel.dk: axboe\n";
  const scope = triageScope(config, (s) =>
    s
      .get(`${REPO_PATH}/contents/kernel%2FMAINTAINERS`)
      .reply(200, MAINTAINERS, { etag: '"m1"' })
      .get(`${REPO_PATH}/contents/.mailmap`)
      .reply(404)
      .get(`${REPO_PATH}/issues/1/labels`)
      .query(true)
      .reply(200, [{ name: "subsystem: mm" }, { name: "subsystem: aio" }])
      .post(`${REPO_PATH}/issues/1/comments`, (b: { body: string }) => bodies.push(b.body) > 0)
      .reply(201, { id: 2 })
      .get(`${REPO_PATH}/issues/1/comments`)
      .query(true)
      .reply(200, [ownComment(2, "x")]),
  );
  await probot.receive(payload("issues.opened", { body: seed, issue: { labels: [] } }));
  expect(scope.pendingMocks()).toEqual([]);
  expect(bodies[0]).toContain("cc @axboe @dennisszhou\n");
});

test("subsystems.maintainers: \"\" reads no MAINTAINERS", async () => {
  const { probot } = await strictProbot();
  const scope = triageScope('subsystems:\n  maintainers: ""\nmentions:\n  enabled: false\n', (s) =>
    s
      .post(`${REPO_PATH}/issues/1/comments`)
      .reply(201, { id: 3 })
      .get(`${REPO_PATH}/issues/1/comments`)
      .query(true)
      .reply(200, [ownComment(3, "x")]),
  );
  await probot.receive(payload("issues.opened", { body: seed }));
  expect(scope.pendingMocks()).toEqual([]);
});
