import nock from "nock";
import { describe, expect, test } from "vitest";
import { fixtureText } from "../helpers/fixtures.js";
import {
  countGitHubCalls,
  github,
  nockAddsLabels,
  nockCreatesComment,
  nockTriageLookups,
  nockTriageStart,
  payload,
  strictProbot,
  SUBSYSTEM_LABEL,
  useNock,
} from "../helpers/probot.js";
import { golden, QUIET, recordedBodies, seed, SEED_SHA } from "../helpers/app-fixtures.js";

const email = fixtureText("constructed/email-bisected-cause.txt");

useNock();
const bodies = recordedBodies();

describe("attached and linked logs", () => {
  const attachment = "https://github.com/user-attachments/files/17001/bisect.txt";

  test("an attached log is fetched through GitHub's redirect and triaged like a pasted one", async () => {
    const { probot } = await strictProbot();
    const files = nock("https://github.com")
      .get("/user-attachments/files/17001/bisect.txt")
      .reply(302, "", { location: "https://objects.githubusercontent.com/blob/17001?sig=x" });
    const storage = nock("https://objects.githubusercontent.com").get("/blob/17001").query(true).reply(200, seed);
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 50, { record: bodies });
    await probot.receive(payload("issues.opened", { body: `syzbot's log is attached: [bisect.txt](${attachment})` }));
    expect([scope, files, storage].flatMap((s) => s.pendingMocks())).toEqual([]);
    expect(bodies[0]).toContain("**Likely culprit:** `2b0d3d3e4fcf`");
    expect(bodies[0]).toContain(`- **Read from:** the log \`${attachment}\` linked from [the issue by Codertocat]`);
  });

  test("a log that cannot be read, or is on a host not allowed, is named in a comment, never dropped silently", async () => {
    const { probot } = await strictProbot();
    const files = nock("https://github.com").get("/user-attachments/files/17002/bisect.txt").reply(404);
    // Nothing else to triage: no lookups, no labels, just the comment that says what went wrong.
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockCreatesComment(scope, 51, { record: bodies });
    const body = "Log: https://github.com/user-attachments/files/17002/bisect.txt (mirror: https://evil.example/x/bisect.txt?x=1234abcd)";
    await probot.receive(payload("issues.opened", { body }));
    expect([scope, files].flatMap((s) => s.pendingMocks())).toEqual([]);
    await expect(bodies[0]).toMatchFileSnapshot(golden("unreadable-links"));
  });

  test("links in a text that already holds the bisection log are not fetched", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 53, { record: bodies });
    await probot.receive(payload("issues.opened", { body: `${seed}\nbisection log:  https://syzkaller.appspot.com/x/bisect.txt?x=12345c2b900000` }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).not.toContain("linked log");
  });
});

describe("a pasted syzbot email is judged from the bisection log it links", () => {
  test("the log is fetched and the verdict, files and labels come from it; the email's links and trailers stay", async () => {
    const { probot } = await strictProbot();
    const dashboard = nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query({ x: "12345c2b900000" }).reply(200, seed);
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 60, { record: bodies });
    await probot.receive(payload("issues.opened", { body: email }));
    expect([scope, dashboard].flatMap((s) => s.pendingMocks())).toEqual([]);
    await expect(bodies[0]).toMatchFileSnapshot(golden("email-with-linked-log"));
  });

  // A log whose host fails for now (5xx, a timeout) waits for a retry instead: transient-reads.test.ts.
  test("when the log cannot be read, the verdict rests on the email alone and says so, with no score", async () => {
    const { probot } = await strictProbot();
    const dashboard = nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query(true).reply(404);
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockCreatesComment(scope, 61, { record: bodies });
    await probot.receive(payload("issues.opened", { body: email }));
    expect([scope, dashboard].flatMap((s) => s.pendingMocks())).toEqual([]);
    expect(bodies[0]).toContain(
      "**Culprit, not checked:** `2b0d3d3e4fcf` `percpu_ref: reduce memory footprint of percpu_ref in fast path` by Ming Lei: the report states the result without its bisection log (it could not be read: HTTP 404).",
    );
    expect(bodies[0]).not.toMatch(/score/);
  });
});

describe("crash reports without a bisection", () => {
  const report = fixtureText("constructed/email-bug-report-no-bisection.txt");

  test("a syzbot report is labelled with the guilty file's subsystem and labels.crash, mentioning no one", async () => {
    const { probot } = await strictProbot();
    const config = "labels:\n  crash: syzkaller\nmentions:\n  users:\n    matttbe@kernel.org: matttbe\n";
    const scope = nockTriageStart(github(), { config, comments: [], issue: { labels: [] } });
    nockTriageLookups(scope); // no culprit to look up
    nockAddsLabels(scope, [
      { name: "subsystem: mptcp", description: SUBSYSTEM_LABEL },
      { name: "syzkaller", description: "A crash report without a bisection (syztriage)" },
    ]);
    nockCreatesComment(scope, 52, { record: bodies });
    await probot.receive(payload("issues.opened", { body: report }));
    expect(scope.pendingMocks()).toEqual([]);
    await expect(bodies[0]).toMatchFileSnapshot(golden("syzbot-report-no-bisection"));
  });

  test("an oops pasted into a comment is discussion, not a report to triage", async () => {
    const { probot } = await strictProbot();
    const oops = fixtureText("crash/kasan-use-after-free-read.txt").split("\n\n").slice(1).join("\n\n");
    const calls = countGitHubCalls();
    await probot.receive(payload("issue_comment.created", { body: "Crashes on boot", comment: `Same here:\n${oops}` }));
    expect(calls.count).toBe(0);
  });
});
