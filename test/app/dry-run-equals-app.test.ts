import nock from "nock";
import { describe, expect, test } from "vitest";
import { dryRunMaintainers } from "../../src/cli/dry-run-maintainers.js";
import { dryRunFacts } from "../../src/cli/dry-run.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { decide } from "../../src/decide/decide.js";
import { parserFixtures } from "../helpers/fixtures.js";
import { github, nockAuth, nockNoConfig, payload, REPO_PATH, testProbot, useNock } from "../helpers/probot.js";

// The dry run is the app: for every fixture, the comment and the labels `syztriage triage` prints are
// the ones the app posts when GitHub knows none of the commits, none of the people and no duplicate,
// and the repository has no MAINTAINERS (both then use the bundled snapshot). Linked logs are answered
// the same way for both (not found).
useNock();

/** A GitHub that knows nothing: every read the app may make, any number of times. */
function emptyGitHub(issue: Record<string, unknown>, writes: { comment: string | null; labels: string[] }): nock.Scope {
  return github()
    .persist()
    .get(`${REPO_PATH}/issues/1`)
    .reply(200, issue)
    .get(`${REPO_PATH}/issues/1/comments`)
    .query(true)
    .reply(200, [])
    .get(/\/repos\/Codertocat\/Hello-World\/commits\/[0-9a-f]+/)
    .query(true)
    .reply(404, { message: "Not Found" })
    .get(`${REPO_PATH}/contents/MAINTAINERS`)
    .reply(404)
    .get("/search/users")
    .query(true)
    .reply(200, { total_count: 0, incomplete_results: false, items: [] })
    .get("/search/issues")
    .query(true)
    .reply(200, { total_count: 0, incomplete_results: false, items: [] })
    .post(`${REPO_PATH}/labels`)
    .reply(201, {})
    .post(`${REPO_PATH}/issues/1/labels`, (b: { labels: string[] }) => writes.labels.push(...b.labels) > 0)
    .reply(200, [])
    .post(`${REPO_PATH}/issues/1/comments`, (b: { body: string }) => {
      writes.comment = b.body;
      return true;
    })
    .reply(201, { id: 1 });
}

function unreadableLinks(): nock.Scope[] {
  return ["https://syzkaller.appspot.com", "https://github.com"].map((host) => nock(host).persist().get(/.*/).reply(404));
}

describe("the dry run writes what the app writes", () => {
  for (const fixture of parserFixtures()) {
    test(fixture.name, async () => {
      unreadableLinks();
      const { probot } = await testProbot();
      const event = payload("issues.opened", { body: fixture.text });
      const writes = { comment: null as string | null, labels: [] as string[] };
      nockNoConfig(nockAuth(github()));
      emptyGitHub(event.payload.issue, writes);
      await probot.receive(event);

      const issue = { repo: "Codertocat/Hello-World", number: 1, title: event.payload.issue.title, author: "Codertocat" };
      const facts = await dryRunFacts(fixture.text, { ok: true, config: DEFAULT_CONFIG }, issue, dryRunMaintainers(DEFAULT_CONFIG), { offline: false });
      const plan = decide(facts);
      expect(writes.comment).toBe(plan.comment?.body ?? null);
      expect(writes.labels).toEqual(plan.outcome.labels);
    });
  }
});
