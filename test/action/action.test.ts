import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { pino } from "pino";
import { afterAll, expect, test } from "vitest";
import { runAction } from "../../src/action/run-action.js";
import { fixtureText } from "../helpers/fixtures.js";
import { API, countGitHubCalls, nockAddsLabels, nockCreatesComment, nockTriageLookups, nockTriageStart, payload, SUBSYSTEM_LABEL, useNock } from "../helpers/probot.js";

/**
 * The Action on recorded event files: GitHub's webhook examples (test/fixtures/payloads, from
 * octokit/webhooks), which is what a workflow's GITHUB_EVENT_PATH holds, without `installation`
 * (a workflow's token is already an installation's).
 */
const TOKEN = "ghs_workflow_token";
const dir = mkdtempSync(join(tmpdir(), "syztriage-action-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
useNock();

function eventFile(event: ReturnType<typeof payload>): string {
  const { installation: _none, ...recorded } = event.payload as Record<string, unknown>;
  const path = join(dir, `${event.id}.json`);
  writeFileSync(path, JSON.stringify(recorded));
  return path;
}

async function run(name: string, eventPath: string, env: Record<string, string> = {}) {
  let stdout = "";
  const code = await runAction(
    { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: eventPath, GITHUB_RUN_ID: "1234", INPUT_TOKEN: TOKEN, ...env },
    { log: pino({ level: "silent" }), stdout: (text) => void (stdout += text) },
  );
  return { code, stdout };
}

test("an issue opened with a bisection log gets its summary comment, written with the workflow's token", async () => {
  const path = eventFile(payload("issues.opened", { body: fixtureText("logs/seed-2020-culprit.txt") }));
  const bodies: string[] = [];
  const scope = nockTriageStart(nock(API, { reqheaders: { authorization: `token ${TOKEN}` } }), { config: "mentions:\n  enabled: false\n", comments: [], auth: false });
  nockTriageLookups(scope, { commit: { sha: "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e", status: 404 } });
  nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
  nockCreatesComment(scope, 1, { record: bodies });
  const { code, stdout } = await run("issues", path);
  expect({ code, stdout }).toEqual({ code: 0, stdout: "" });
  expect(scope.pendingMocks()).toEqual([]);
  expect(bodies[0]).toContain("**Likely culprit:** `2b0d3d3e4fcf`");
});

test("the app's own comment (github-actions[bot]) comes back as an event and is left alone, with no GitHub call", async () => {
  const own = { login: "github-actions[bot]", type: "Bot" };
  const event = payload("issue_comment.created", {
    comment: fixtureText("logs/seed-2020-culprit.txt"),
    commentUser: own,
    sender: own,
    comment_extra: { performed_via_github_app: { id: 15368, slug: "github-actions" } },
  });
  const calls = countGitHubCalls();
  expect(await run("issue_comment", eventFile(event))).toEqual({ code: 0, stdout: "" });
  expect(calls.count).toBe(0);
});

test("a failed triage fails the workflow step with an error annotation", async () => {
  const path = eventFile(payload("issues.opened", { body: fixtureText("logs/seed-2020-culprit.txt") }));
  nock(API).get(/\/contents\//).times(2).reply(404).get("/repos/Codertocat/Hello-World/issues/1/comments").query(true).reply(403, { message: "Resource not accessible by integration" });
  const { code, stdout } = await run("issues", path);
  expect(code).toBe(1);
  expect(stdout).toMatch(/^::error::syztriage failed: .*Resource not accessible by integration/);
});

test("other events, a missing token or a missing event file say so", async () => {
  const path = eventFile(payload("issues.opened", { body: "no log here" }));
  const calls = countGitHubCalls();
  expect(await run("push", path)).toEqual({ code: 0, stdout: "syztriage handles issues and issue_comment events (and schedule and workflow_dispatch for the mirror), not push: nothing to do\n" });
  const noToken = await run("issues", path, { INPUT_TOKEN: "" });
  expect(noToken.code).toBe(1);
  expect(noToken.stdout).toMatch(/^::error::syztriage needs a token/);
  const outside = await runAction({}, { stdout: () => undefined });
  expect(outside).toBe(1);
  expect(calls.count).toBe(0);
});
