import nock from "nock";
import { expect, test } from "vitest";
import { fixtureText } from "../helpers/fixtures.js";
import {
  commitResponse,
  github,
  nockAddsLabels,
  nockCreatesComment,
  nockIssueSearch,
  nockTriageLookups,
  nockTriageStart,
  ownComment,
  payload,
  REPO_PATH,
  strictProbot,
  SUBSYSTEM_LABEL,
  useNock,
} from "../helpers/probot.js";
import { QUIET, recordedBodies, seed, SEED_SHA } from "../helpers/app-fixtures.js";

const MAINTAINERS = fixtureText("linux/MAINTAINERS");
const MAILMAP = fixtureText("linux/mailmap");

useNock();
const bodies = recordedBodies();

/** The start and lookups of a triage of the seed, but for the MAINTAINERS reads, which each test states itself. */
function seedTriage(config: string, labels: string[] = []): nock.Scope {
  const scope = nockTriageStart(github(), { config, comments: [], issue: { labels } });
  return nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 }, maintainers: false });
}

test("the repository's MAINTAINERS names the subsystems, read once per content", async () => {
  const { probot } = await strictProbot();
  const scope = seedTriage(QUIET)
    .get(`${REPO_PATH}/contents/MAINTAINERS`)
    .reply(200, MAINTAINERS, { etag: '"m1"' })
    .get(`${REPO_PATH}/contents/.mailmap`)
    .reply(200, MAILMAP, { etag: '"mm1"' });
  nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
  nockCreatesComment(scope, 1, { record: bodies });
  await probot.receive(payload("issues.opened", { body: seed }));
  expect(scope.pendingMocks()).toEqual([]);
  expect(bodies[0]).toContain("**Subsystem:** mm (from the culprit's files).");

  // The next event asks with If-None-Match: unchanged files cost a 304 each and no download.
  const again = nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(1, bodies[0]!)], issue: { labels: ["subsystem: mm"] } })
    .get(`${REPO_PATH}/contents/MAINTAINERS`)
    .matchHeader("if-none-match", '"m1"')
    .reply(304)
    .get(`${REPO_PATH}/contents/.mailmap`)
    .matchHeader("if-none-match", '"mm1"')
    .reply(304);
  await probot.receive(payload("issues.edited", { body: `${seed}\n` }));
  expect(again.pendingMocks()).toEqual([]);
});

test("mentions.maintainers asks the maintainers of the sections the labels come from, after the culprit's author", async () => {
  const { probot } = await strictProbot();
  const config = "subsystems:\n  maintainers: kernel/MAINTAINERS\nmentions:\n  maintainers: true\n  lookup: false\n  users:\n    dennis@kernel.org: dennisszhou\n    axboe@kernel.dk: axboe\n";
  const scope = seedTriage(config)
    .get(`${REPO_PATH}/contents/kernel%2FMAINTAINERS`)
    .reply(200, MAINTAINERS, { etag: '"m1"' })
    .get(`${REPO_PATH}/contents/.mailmap`)
    .reply(404);
  nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
  nockCreatesComment(scope, 2, { record: bodies });
  await probot.receive(payload("issues.opened", { body: seed }));
  expect(scope.pendingMocks()).toEqual([]);
  expect(bodies[0]).toContain("**Who should look:** @dennisszhou (MAINTAINERS), @axboe.");
});

test("a tracker that follows another kernel tree reads its MAINTAINERS and its commits there, and links them there", async () => {
  const { probot } = await strictProbot();
  const config = "kernel:\n  tree: torvalds/linux\nsubsystems:\n  maintainers: torvalds/linux@master:MAINTAINERS\nmentions:\n  enabled: false\n";
  const scope = nockTriageStart(github(), { config, comments: [], issue: { labels: [] } })
    .get(`/repos/torvalds/linux/commits/${SEED_SHA}`)
    .query(true)
    .reply(200, commitResponse(SEED_SHA, { subject: "percpu_ref: reduce memory footprint of percpu_ref in fast path", name: "Ming Lei", email: "ming.lei@redhat.com" }))
    .get("/repos/torvalds/linux/contents/MAINTAINERS")
    .query({ ref: "master" })
    .reply(200, MAINTAINERS, { etag: '"t1"' })
    .get("/repos/torvalds/linux/contents/.mailmap")
    .query({ ref: "master" })
    .reply(200, MAILMAP, { etag: '"t2"' });
  nockIssueSearch(scope);
  nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
  nockCreatesComment(scope, 3, { record: bodies });
  await probot.receive(payload("issues.opened", { body: seed }));
  expect(scope.pendingMocks()).toEqual([]);
  expect(bodies[0]).toContain(`**Likely culprit:** [\`2b0d3d3e4fcf\`](https://github.com/torvalds/linux/commit/${SEED_SHA})`);
});

test('subsystems.maintainers: "" reads no MAINTAINERS and labels only from the rules', async () => {
  const { probot } = await strictProbot();
  const scope = seedTriage('subsystems:\n  maintainers: ""\nmentions:\n  enabled: false\n');
  nockCreatesComment(scope, 4, { record: bodies });
  await probot.receive(payload("issues.opened", { body: seed }));
  expect(scope.pendingMocks()).toEqual([]);
  expect(bodies[0]).toContain("**No subsystem label:**");
});
