import nock from "nock";
import { expect, test } from "vitest";
import { fixtureText } from "../helpers/fixtures.js";
import {
  github,
  nockCreatesComment,
  nockIssueSearch,
  nockTriageLookups,
  nockTriageStart,
  ownComment,
  payload,
  REPO_PATH,
  strictProbot,
  useNock,
} from "../helpers/probot.js";

const seed = fixtureText("logs/seed-2020-culprit.txt");
const MAINTAINERS = fixtureText("linux/MAINTAINERS");
const MAILMAP = fixtureText("linux/mailmap");
const SEED_SHA = "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e";

useNock();

/** The start and lookups of a triage of the seed, but for the MAINTAINERS reads, which each test states itself. */
function seedTriage(config: string, labels: string[] = []): nock.Scope {
  const scope = nockTriageStart(github(), { config, comments: [], issue: { labels } });
  return nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 }, maintainers: false });
}

test("the repository's MAINTAINERS labels the culprit's subsystem and the crash's, read once per content", async () => {
  const { probot } = await strictProbot();
  const bodies: string[] = [];
  const scope = seedTriage("mentions:\n  enabled: false\n")
    .get(`${REPO_PATH}/contents/MAINTAINERS`)
    .reply(200, MAINTAINERS, { etag: '"m1"' })
    .get(`${REPO_PATH}/contents/.mailmap`)
    .reply(200, MAILMAP, { etag: '"mm1"' })
    .post(`${REPO_PATH}/labels`)
    .times(2)
    .reply(201, {})
    .post(`${REPO_PATH}/issues/1/labels`, { labels: ["subsystem: mm", "subsystem: aio"] })
    .reply(200, []);
  nockCreatesComment(scope, 1, { record: bodies });
  await probot.receive(payload("issues.opened", { body: seed }));
  expect(scope.pendingMocks()).toEqual([]);
  expect(bodies[0]).toContain("Subsystems: **mm**, **aio**");
  expect(bodies[0]).toContain("in `fs/aio.c` (subsystem **aio**)");

  // The next event asks with If-None-Match: unchanged files cost a 304 each and no download.
  const again = nockTriageStart(github(), { auth: false, config: "mentions:\n  enabled: false\n", comments: [ownComment(1, bodies[0]!)], issue: { labels: ["subsystem: mm", "subsystem: aio"] } })
    .get(`${REPO_PATH}/contents/MAINTAINERS`)
    .matchHeader("if-none-match", '"m1"')
    .reply(304)
    .get(`${REPO_PATH}/contents/.mailmap`)
    .matchHeader("if-none-match", '"mm1"')
    .reply(304);
  nockIssueSearch(again);
  await probot.receive(payload("issues.edited", { body: `${seed}\n` }));
  expect(again.pendingMocks()).toEqual([]);
});

test("mentions.maintainers mentions the maintainers of the culprit's sections, after the log's people", async () => {
  const { probot } = await strictProbot();
  const bodies: string[] = [];
  const config = "subsystems:\n  maintainers: kernel/MAINTAINERS\nmentions:\n  maintainers: true\n  lookup: false\n  users:\n    dennis@kernel.org: dennisszhou\n    axboe@kernel.dk: axboe\n";
  const scope = seedTriage(config, ["subsystem: mm", "subsystem: aio"])
    .get(`${REPO_PATH}/contents/kernel%2FMAINTAINERS`)
    .reply(200, MAINTAINERS, { etag: '"m1"' })
    .get(`${REPO_PATH}/contents/.mailmap`)
    .reply(404);
  nockCreatesComment(scope, 2, { record: bodies });
  await probot.receive(payload("issues.opened", { body: seed, issue: { labels: [] } }));
  expect(scope.pendingMocks()).toEqual([]);
  expect(bodies[0]).toContain("cc @axboe @dennisszhou\n");
});

test("subsystems.maintainers: \"\" reads no MAINTAINERS", async () => {
  const { probot } = await strictProbot();
  const scope = seedTriage('subsystems:\n  maintainers: ""\nmentions:\n  enabled: false\n');
  nockCreatesComment(scope, 3);
  await probot.receive(payload("issues.opened", { body: seed }));
  expect(scope.pendingMocks()).toEqual([]);
});
