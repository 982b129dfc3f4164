import nock from "nock";
import { beforeEach, describe, expect, test } from "vitest";
import { decodeState } from "../../src/commands/index.js";
import { fixtureText } from "../helpers/fixtures.js";
import {
  comment,
  countGitHubCalls,
  github,
  nockCreatesComment,
  nockTriageLookups,
  nockTriageStart,
  nockUpdatesComment,
  ownComment,
  payload,
  REPO_PATH,
  strictProbot,
  type ListedComment,
  useNock,
} from "../helpers/probot.js";

const seed = fixtureText("logs/seed-2020-culprit.txt");
const SEED_SHA = "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e";
const QUIET = "mentions:\n  enabled: false\n";

useNock();
let bodies: string[];
beforeEach(() => {
  bodies = [];
});

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
    nockCreatesComment(scope, 50, { record: bodies });
    await probot.receive(payload("issues.opened", { body: `syzbot's log is attached: [bisect.txt](${attachment})` }));
    expect([scope, files, storage].flatMap((s) => s.pendingMocks())).toEqual([]);
    expect(bodies[0]).toContain("bisected to `2b0d3d3e4fcf`");
    expect(bodies[0]).toContain(`from the log \`${attachment}\` linked from [the issue by Codertocat]`);
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
    expect(bodies[0]).toContain("### syztriage: no report read");
    expect(bodies[0]).toContain("could not read the linked log https\u200b://github.com/user-attachments/files/17002/bisect.txt: HTTP 404");
    expect(bodies[0]).toContain("did not read the linked log https\u200b://evil.example/x/bisect.txt?x=1234abcd: host not allowed: evil.example");
  });

  test("links in a text that already holds the bisection are not fetched", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockCreatesComment(scope, 53, { record: bodies });
    await probot.receive(payload("issues.opened", { body: `${seed}\nbisection log:  https://syzkaller.appspot.com/x/bisect.txt?x=12345c2b900000` }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).not.toContain("linked log");
  });
});

describe("crash reports without a bisection", () => {
  const report = fixtureText("constructed/email-bug-report-no-bisection.txt");

  test("a syzbot report is labelled with the guilty file's subsystem and labels.crash, mentioning no one", async () => {
    const { probot } = await strictProbot();
    const config = 'labels:\n  crash: syzkaller\nsubsystems:\n  rules:\n    mptcp: ["net/mptcp/**"]\nmentions:\n  users:\n    matttbe@kernel.org: matttbe\n';
    const scope = nockTriageStart(github(), { config, comments: [], issue: { labels: [] } });
    nockTriageLookups(scope) // no culprit to look up
      .post(`${REPO_PATH}/labels`)
      .times(2)
      .reply(201, {})
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["subsystem: mptcp", "syzkaller"] })
      .reply(200, []);
    nockCreatesComment(scope, 52, { record: bodies });
    await probot.receive(payload("issues.opened", { body: report }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("### syztriage: 1 crash report");
    expect(bodies[0]).toContain("a syzbot bug report without a bisection");
    expect(bodies[0]).toContain("`KASAN: slab-use-after-free Read in mptcp_pm_nl_rm_addr_or_subflow` in `net/mptcp/pm_netlink.c` (subsystem **mptcp**)");
    expect(bodies[0]).toContain("[dashboard](https://syzkaller.appspot.com/bug?extid=5a630c1c6a1e9d4a2b3c)");
    expect(bodies[0]).not.toMatch(/(^|\s)@\w/m);
  });

  test("an oops pasted into a comment is discussion, not a report to triage", async () => {
    const { probot } = await strictProbot();
    const oops = fixtureText("crash/kasan-use-after-free-read.txt").split("\n\n").slice(1).join("\n\n");
    const calls = countGitHubCalls();
    await probot.receive(payload("issue_comment.created", { body: "Crashes on boot", comment: `Same here:\n${oops}` }));
    expect(calls.count).toBe(0);
  });
});

describe("commands in comments", () => {
  const writer = { login: "maintainer", type: "User" };

  function permission(scope: nock.Scope, login: string, level: string): nock.Scope {
    return scope.get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission: level, user: { login } });
  }

  /** A triage of the seed in the issue body whose comments are `comments`. */
  function seedTriage(config: string, comments: ListedComment[], labels: string[] = []): nock.Scope {
    const scope = nockTriageStart(github(), { config, comments, issue: { labels } });
    return nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
  }

  test("#syz set subsystems replaces the app's subsystem labels; the command gets a +1 and is recorded", async () => {
    const { probot } = await strictProbot();
    const config = 'subsystems:\n  rules:\n    percpu: ["lib/percpu*.c"]\nmentions:\n  enabled: false\n';
    const command = comment(700, "Not percpu really:\n#syz set subsystems: block, mm", writer);
    const scope = permission(seedTriage(config, [ownComment(600, "old summary"), command], ["subsystem: percpu", "bug"]), "maintainer", "write");
    scope
      .post(`${REPO_PATH}/labels`)
      .times(2)
      .reply(201, {})
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["subsystem: block", "subsystem: mm"] })
      .reply(200, [])
      .delete(`${REPO_PATH}/issues/1/labels/subsystem%3A%20percpu`)
      .reply(200, []);
    nockUpdatesComment(scope, 600, bodies)
      .post(`${REPO_PATH}/issues/comments/700/reactions`, { content: "+1" })
      .reply(201, {});
    await probot.receive(payload("issue_comment.created", { body: seed, comment: command.body, commentUser: writer, sender: writer }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("Subsystems: **block**, **mm**");
    expect(bodies[0]).toContain("- maintainer set the subsystems to `block, mm`");
    expect(decodeState(bodies[0]!)?.subsystems).toEqual(["block", "mm"]);
    expect(bodies[0]).toContain("<!-- syztriage-through: 700 -->");
  });

  test("a redelivered command event runs nothing twice and writes nothing", async () => {
    const { probot } = await strictProbot();
    const command = comment(700, "#syz fix: percpu_ref: fix the fix", writer);
    const event = payload("issue_comment.created", { body: seed, comment: command.body, commentUser: writer, sender: writer });
    const first = permission(seedTriage(QUIET, [ownComment(600, "an older summary"), command]), "maintainer", "write");
    nockUpdatesComment(first, 600, bodies).post(`${REPO_PATH}/issues/comments/700/reactions`, { content: "+1" }).reply(201, {});
    await probot.receive(event);
    expect(first.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("Fixed by `percpu_ref: fix the fix`.");

    // The same delivery again, with the summary as the first run left it: no permission check, no reaction, no write.
    const again = nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(600, bodies[0]!), command], issue: { labels: [] } });
    nockTriageLookups(again);
    await probot.receive(event);
    expect(again.pendingMocks()).toEqual([]);
  });


  test("someone without write access gets one short reply and changes nothing", async () => {
    const { probot } = await strictProbot();
    const stranger = { login: "passerby", type: "User" };
    const command = comment(701, "#syz invalid", stranger);
    const replies: string[] = [];
    const scope = permission(seedTriage(QUIET, [command]), "passerby", "read");
    nockCreatesComment(scope, 601, { record: bodies })
      .post(`${REPO_PATH}/issues/1/comments`, (b: { body: string }) => replies.push(b.body) > 0)
      .reply(201, { id: 702 });
    await probot.receive(payload("issue_comment.created", { body: seed, comment: command.body, commentUser: stranger, sender: stranger }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(replies).toEqual(["@passerby: only people with write access to this repository can run syztriage commands, so yours was not run.\n"]);
    expect(decodeState(bodies[0]!)?.invalid).toBe(false);
    expect(bodies[0]).toContain("<!-- syztriage-through: 701 -->");
  });

  test("#syz invalid labels the issue and stops the triage; #syz dup names the other issue", async () => {
    const { probot } = await strictProbot();
    const command = comment(703, "#syz invalid", writer);
    const scope = nockTriageStart(github(), { config: QUIET, comments: [command], issue: { labels: [] } });
    permission(scope, "maintainer", "admin")
      .post(`${REPO_PATH}/labels`, { name: "invalid", color: "1d76db", description: "Added by syztriage" })
      .reply(422, { message: "Validation Failed", errors: [{ code: "already_exists" }] })
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["invalid"] })
      .reply(200, []);
    nockCreatesComment(scope, 602, { record: bodies })
      .post(`${REPO_PATH}/issues/comments/703/reactions`)
      .reply(201, {});
    await probot.receive(payload("issue_comment.created", { body: seed, comment: command.body, commentUser: writer, sender: writer }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("### syztriage: marked invalid");
    expect(bodies[0]).not.toContain("bisected to");

    const dup = comment(704, "#syz dup: #12", writer);
    const { probot: second } = await strictProbot();
    const again = permission(seedTriage(QUIET, [dup]), "maintainer", "write");
    again
      .post(`${REPO_PATH}/labels`, { name: "duplicate", color: "1d76db", description: "Added by syztriage" })
      .reply(201, {})
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["duplicate"] })
      .reply(200, []);
    nockCreatesComment(again, 603, { record: bodies }).post(`${REPO_PATH}/issues/comments/704/reactions`).reply(201, {});
    await second.receive(payload("issue_comment.created", { body: seed, comment: dup.body, commentUser: writer, sender: writer }));
    expect(again.pendingMocks()).toEqual([]);
    expect(bodies[1]).toContain("Duplicate of #12.");
  });

  test("#syz dup: <crash title> links the open issue the search finds with that title", async () => {
    const { probot } = await strictProbot();
    const dup = comment(709, "#syz dup: [syzbot] KASAN: slab-out-of-bounds Read in ea_get", writer);
    const scope = permission(
      nockTriageStart(github(), { config: QUIET, comments: [dup], issue: { labels: [] } }),
      "maintainer",
      "write",
    );
    nockTriageLookups(scope, {
      commit: { sha: SEED_SHA, status: 404 },
      search: [{ number: 15, title: "[syzbot] [jfs?] KASAN: slab-out-of-bounds Read in ea_get" }],
    })
      .post(`${REPO_PATH}/labels`)
      .reply(201, {})
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["duplicate"] })
      .reply(200, []);
    nockCreatesComment(scope, 640, { record: bodies }).post(`${REPO_PATH}/issues/comments/709/reactions`).reply(201, {});
    await probot.receive(payload("issue_comment.created", { body: seed, comment: dup.body, commentUser: writer, sender: writer }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("Duplicate of #15 (`KASAN: slab-out-of-bounds Read in ea_get`).");
  });

  test("#syz undup takes the duplicate label off once; a label a person puts back later stays", async () => {
    const { probot } = await strictProbot();
    const dup = comment(704, "#syz dup: #12", writer);
    const first = permission(seedTriage(QUIET, [dup]), "maintainer", "write")
      .post(`${REPO_PATH}/labels`, { name: "duplicate", color: "1d76db", description: "Added by syztriage" })
      .reply(201, {})
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["duplicate"] })
      .reply(200, []);
    nockCreatesComment(first, 610, { record: bodies }).post(`${REPO_PATH}/issues/comments/704/reactions`).reply(201, {});
    await probot.receive(payload("issue_comment.created", { body: seed, comment: dup.body, commentUser: writer, sender: writer }));
    expect(first.pendingMocks()).toEqual([]);

    const undup = comment(705, "#syz undup", writer);
    const second = nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(610, bodies[0]!), dup, undup], issue: { labels: ["duplicate"] } });
    nockTriageLookups(second)
      .delete(`${REPO_PATH}/issues/1/labels/duplicate`)
      .reply(200, [])
      .post(`${REPO_PATH}/issues/comments/705/reactions`)
      .reply(201, {});
    nockUpdatesComment(second, 610, bodies);
    await probot.receive(payload("issue_comment.created", { body: seed, comment: undup.body, commentUser: writer, sender: writer }));
    expect(second.pendingMocks()).toEqual([]);
    expect(bodies[1]).not.toContain("Duplicate of");
    expect(bodies[1]).toContain("- maintainer undid the duplicate mark");

    // Someone labels it duplicate again by hand; a later log edit must not take the label off.
    const third = nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(610, bodies[1]!), dup, undup], issue: { labels: ["duplicate"] } });
    nockTriageLookups(third);
    await probot.receive(payload("issues.edited", { body: `${seed}\n` }));
    expect(third.pendingMocks()).toEqual([]);
  });

  test("#syztriage retriage asks GitHub again what the caches remember", async () => {
    const { probot } = await strictProbot();
    const first = nockTriageStart(github(), { config: QUIET, comments: [], issue: { labels: [] } });
    nockTriageLookups(first, { commit: { sha: SEED_SHA, status: 404 } });
    nockCreatesComment(first, 620, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(first.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("bisected to `2b0d3d3e4fcf`");

    // The commit was pushed since: only a retriage looks it up again, and the comment links it.
    const retriage = comment(706, "#syztriage retriage", writer);
    const again = permission(
      nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(620, bodies[0]!), retriage], issue: { labels: [] } }),
      "maintainer",
      "write",
    );
    nockTriageLookups(again, { commit: { sha: SEED_SHA, status: 200, body: { sha: SEED_SHA, author: null } } })
      .post(`${REPO_PATH}/issues/comments/706/reactions`)
      .reply(201, {});
    nockUpdatesComment(again, 620, bodies);
    await probot.receive(payload("issue_comment.created", { body: seed, comment: retriage.body, commentUser: writer, sender: writer }));
    expect(again.pendingMocks()).toEqual([]);
    expect(bodies[1]).toContain(`bisected to [\`2b0d3d3e4fcf\`](https://github.com/Codertocat/Hello-World/commit/${SEED_SHA})`);
  });

  test("a second #syz set subsystems replaces the first override's labels", async () => {
    const { probot } = await strictProbot();
    const config = 'subsystems:\n  rules:\n    percpu: ["lib/percpu*.c"]\nmentions:\n  enabled: false\n';
    const one = comment(707, "#syz set subsystems: block", writer);
    const first = permission(seedTriage(config, [one], ["subsystem: percpu"]), "maintainer", "write")
      .post(`${REPO_PATH}/labels`)
      .reply(201, {})
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["subsystem: block"] })
      .reply(200, [])
      .delete(`${REPO_PATH}/issues/1/labels/subsystem%3A%20percpu`)
      .reply(200, []);
    nockCreatesComment(first, 630, { record: bodies }).post(`${REPO_PATH}/issues/comments/707/reactions`).reply(201, {});
    await probot.receive(payload("issue_comment.created", { body: seed, comment: one.body, commentUser: writer, sender: writer }));
    expect(first.pendingMocks()).toEqual([]);

    const two = comment(708, "#syz set subsystems: mm", writer);
    // The permission answer is cached for ten minutes: no second check.
    const second = nockTriageStart(github(), { auth: false, config, comments: [ownComment(630, bodies[0]!), one, two], issue: { labels: ["subsystem: block"] } });
    nockTriageLookups(second)
      .post(`${REPO_PATH}/labels`)
      .reply(201, {})
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["subsystem: mm"] })
      .reply(200, [])
      .delete(`${REPO_PATH}/issues/1/labels/subsystem%3A%20block`)
      .reply(200, [])
      .post(`${REPO_PATH}/issues/comments/708/reactions`)
      .reply(201, {});
    nockUpdatesComment(second, 630, bodies);
    await probot.receive(payload("issue_comment.created", { body: seed, comment: two.body, commentUser: writer, sender: writer }));
    expect(second.pendingMocks()).toEqual([]);
  });

  test("a quoted command, or one inside a fence, is not a command and costs no call", async () => {
    const { probot } = await strictProbot();
    const calls = countGitHubCalls();
    await probot.receive(payload("issue_comment.created", { comment: "> #syz invalid\nI disagree with the above.", commentUser: writer, sender: writer }));
    await probot.receive(payload("issue_comment.created", { comment: "syzbot's footer:\n```\n#syz invalid\n```", commentUser: writer, sender: writer }));
    expect(calls.count).toBe(0);
  });
});
