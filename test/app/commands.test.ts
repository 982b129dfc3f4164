import nock from "nock";
import { describe, expect, test } from "vitest";
import {
  comment,
  commitResponse,
  countGitHubCalls,
  github,
  nockAddsLabels,
  nockCreatesComment,
  nockLabelEvents,
  nockTriageLookups,
  nockTriageStart,
  nockUpdatesComment,
  ownComment,
  ownSummary,
  payload,
  REPO_PATH,
  strictProbot,
  SUBSYSTEM_LABEL,
  type ListedComment,
  useNock,
} from "../helpers/probot.js";
import { golden, merge, MERGE_SHA, QUIET, recordedBodies, seed, SEED_SHA, stateOf } from "../helpers/app-fixtures.js";

const writer = { login: "maintainer", type: "User" };

useNock();
const bodies = recordedBodies();

function permission(scope: nock.Scope, login: string, level: string): nock.Scope {
  return scope.get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission: level, user: { login } });
}

function reaction(scope: nock.Scope, id: number): nock.Scope {
  return scope.post(`${REPO_PATH}/issues/comments/${id}/reactions`, { content: "+1" }).reply(201, {});
}

/** A triage of `body` in the issue whose comments are `comments`, the culprit `sha` not in the repository. */
function triage(config: string, comments: ListedComment[], labels: string[], sha: string | null = SEED_SHA): nock.Scope {
  const scope = nockTriageStart(github(), { config, comments, issue: { labels } });
  return nockTriageLookups(scope, sha ? { commit: { sha, status: 404 } } : {});
}

const event = (c: ListedComment, body = seed) => payload("issue_comment.created", { body, comment: c.body, commentUser: writer, sender: writer });

describe("#syztriage culprit", () => {
  test("names the right culprit: its files from the kernel tree relabel the issue, its author is asked, the state records it", async () => {
    const { probot } = await strictProbot();
    const right = "8e7f4a2d1c3b5a69e0f1d2c3b4a5968778695a4b";
    const command = comment(801, `The merge is wrong, it is this one:\n#syztriage culprit ${right.slice(0, 12)}`, writer);
    const earlier = ownSummary(800, { appLabels: ["subsystem: sound", "bisection: unreliable"] });
    const scope = permission(triage("", [earlier, command], ["subsystem: sound", "bisection: unreliable"], MERGE_SHA), "maintainer", "write");
    scope
      .get(`${REPO_PATH}/commits/${right.slice(0, 12)}`)
      .query({ per_page: "100" })
      .reply(
        200,
        commitResponse(right, {
          subject: "i3c: master: fix the use-after-free in i3c_master_register()",
          name: "Jane Dev",
          email: "jane@example.org",
          login: "janedev",
          files: [["drivers/i3c/master.c", 12]],
        }),
      );
    nockAddsLabels(scope, [{ name: "subsystem: i3c", description: SUBSYSTEM_LABEL }]);
    // The earlier summary recorded these as the app's and the evidence no longer supports them: the events show no person put them back.
    nockLabelEvents(scope, [
      { event: "labeled", label: "subsystem: sound", byApp: true },
      { event: "labeled", label: "bisection: unreliable", byApp: true },
    ]);
    scope.delete(`${REPO_PATH}/issues/1/labels/subsystem%3A%20sound`).reply(200, []);
    scope.delete(`${REPO_PATH}/issues/1/labels/bisection%3A%20unreliable`).reply(200, []);
    nockUpdatesComment(scope, 800, bodies);
    // An edit notifies no one: the culprit's author, newly asked, gets a comment of their own.
    nockCreatesComment(scope, 804, { record: bodies });
    reaction(scope, 801);
    await probot.receive(event(command, merge));
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)?.culprit).toBe(right.slice(0, 12));
    expect(stateOf(bodies[0]!)?.mentioned).toEqual(["janedev"]);
    expect(bodies[1]).toBe("@janedev: the summary above now asks you to look at this issue.\n");

    // The same event again (a redelivery), with the summary as it left it: the ask is not repeated, nothing is written.
    const again = nockTriageStart(github(), { auth: false, config: "", comments: [ownComment(800, bodies[0]!), command], issue: { labels: ["subsystem: i3c"] } });
    await probot.receive(event(command, merge));
    expect(again.pendingMocks()).toEqual([]);
    expect(bodies).toHaveLength(2);
    await expect(bodies[0]).toMatchFileSnapshot(golden("culprit-override"));
  });

  test("`culprit none` says there is none: the crash labels the issue and nobody is asked for the bisection's culprit", async () => {
    const { probot } = await strictProbot();
    const command = comment(802, "#syztriage culprit none", writer);
    const scope = permission(triage("mentions:\n  when: always\n  lookup: false\n  users:\n    ming.lei@redhat.com: ming-lei\n", [command], []), "maintainer", "maintain");
    // The seed's crash points at fs/aio.c.
    nockAddsLabels(scope, [{ name: "subsystem: fs", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 803, { record: bodies });
    reaction(scope, 802);
    await probot.receive(event(command));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("**No culprit (set by maintainer):**");
    expect(bodies[0]).not.toMatch(/(^|\s)@ming-lei/m);
  });

  test("a malformed command gets a one-line reply with the usage and changes nothing", async () => {
    const { probot } = await strictProbot();
    const command = comment(804, "#syztriage culprit the-merge\n#syztriage frobnicate", writer);
    const replies: string[] = [];
    const scope = permission(triage(QUIET, [command], []), "maintainer", "write");
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 805, { record: bodies });
    scope.post(`${REPO_PATH}/issues/1/comments`, (b: { body: string }) => replies.push(b.body) > 0).reply(201, { id: 806 });
    await probot.receive(event(command));
    expect(scope.pendingMocks()).toEqual([]);
    await expect(replies[0]).toMatchFileSnapshot(golden("reply-malformed-commands"));
    expect(stateOf(bodies[0]!)?.culprit).toBeNull();
  });
});

describe("syzbot's commands", () => {
  test("#syz set subsystems replaces the app's subsystem labels; the command gets a +1 and is recorded", async () => {
    const { probot } = await strictProbot();
    const command = comment(700, "Not mm really:\n#syz set subsystems: block, fs", writer);
    const earlier = ownSummary(600, { appLabels: ["subsystem: mm"] });
    const scope = permission(triage(QUIET, [earlier, command], ["subsystem: mm", "bug"]), "maintainer", "write");
    nockAddsLabels(scope, [
      { name: "subsystem: block", description: SUBSYSTEM_LABEL },
      { name: "subsystem: fs", description: SUBSYSTEM_LABEL },
    ]);
    // Before taking off its own label, the app checks no person put it back.
    nockLabelEvents(scope, [{ event: "labeled", label: "subsystem: mm", byApp: true }]);
    scope.delete(`${REPO_PATH}/issues/1/labels/subsystem%3A%20mm`).reply(200, []);
    nockUpdatesComment(scope, 600, bodies);
    reaction(scope, 700);
    await probot.receive(event(command));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("**Subsystems:** block, fs (set by maintainer).");
    expect(bodies[0]).toContain("- maintainer set the subsystems to `block, fs`");
    expect(stateOf(bodies[0]!)).toMatchObject({ subsystems: ["block", "fs"], appLabels: ["subsystem: block", "subsystem: fs"] });
    expect(bodies[0]).toContain("<!-- syztriage-through: 700 -->");
  });

  test("#syz set subsystems is taken whole, past `subsystems.max` (which cuts only what the evidence says)", async () => {
    const { probot } = await strictProbot();
    const command = comment(705, "#syz set subsystems: net, bpf, kvm, mm", writer);
    const scope = permission(triage(QUIET, [command], []), "maintainer", "write");
    nockAddsLabels(
      scope,
      ["net", "bpf", "kvm", "mm"].map((n) => ({ name: `subsystem: ${n}`, description: SUBSYSTEM_LABEL })),
    );
    nockCreatesComment(scope, 706, { record: bodies });
    reaction(scope, 705);
    await probot.receive(event(command));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("**Subsystems:** net, bpf, kvm, mm (set by maintainer).");
  });

  test("a redelivered command event runs nothing twice and writes nothing", async () => {
    const { probot } = await strictProbot();
    const command = comment(710, "#syz fix: percpu_ref: fix the fix", writer);
    const first = permission(triage(QUIET, [ownComment(610, "an older summary"), command], []), "maintainer", "write");
    nockAddsLabels(first, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockUpdatesComment(first, 610, bodies);
    reaction(first, 710);
    await probot.receive(event(command));
    expect(first.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("**Fixed by** `percpu_ref: fix the fix`.");

    // The same delivery again, with the summary as the first run left it: no permission check, no reaction, no write.
    const again = nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(610, bodies[0]!), command], issue: { labels: ["subsystem: mm"] } });
    await probot.receive(event(command));
    expect(again.pendingMocks()).toEqual([]);
  });

  test("someone without write access is told once, whatever the number of their commands", async () => {
    const { probot } = await strictProbot();
    const stranger = { login: "passerby", type: "User" };
    const first = comment(711, "#syz invalid", stranger);
    const replies: string[] = [];
    const scope = permission(triage(QUIET, [first], []), "passerby", "read");
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 611, { record: bodies });
    scope.post(`${REPO_PATH}/issues/1/comments`, (b: { body: string }) => replies.push(b.body) > 0).reply(201, { id: 712 });
    await probot.receive(payload("issue_comment.created", { body: seed, comment: first.body, commentUser: stranger, sender: stranger }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(replies).toEqual(["@passerby: only people with write access to this repository can run syztriage commands, so yours were not run.\n"]);
    expect(stateOf(bodies[0]!)).toMatchObject({ invalid: false, refused: ["passerby"] });

    // A second command from the same person: the mark moves on, nobody is told again.
    const second = comment(713, "#syz invalid\n#syz invalid", stranger);
    const again = nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(611, bodies[0]!), first, second], issue: { labels: ["subsystem: mm"] } });
    nockUpdatesComment(again, 611, bodies);
    await probot.receive(payload("issue_comment.created", { body: seed, comment: second.body, commentUser: stranger, sender: stranger }));
    expect(again.pendingMocks()).toEqual([]);
    expect(bodies[1]).toContain("<!-- syztriage-through: 713 -->");
  });

  test("#syz invalid labels the issue and stops the triage", async () => {
    const { probot } = await strictProbot();
    const command = comment(720, "#syz invalid", writer);
    const scope = nockTriageStart(github(), { config: QUIET, comments: [command], issue: { labels: [] } });
    permission(scope, "maintainer", "admin")
      .post(`${REPO_PATH}/labels`, { name: "invalid", color: "1d76db", description: "Added by syztriage" })
      .reply(422, { message: "Validation Failed", errors: [{ code: "already_exists" }] })
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["invalid"] })
      .reply(200, []);
    nockCreatesComment(scope, 620, { record: bodies });
    reaction(scope, 720);
    await probot.receive(event(command));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("**Invalid:** maintainer marked this report invalid with `#syz invalid`");
    expect(bodies[0]).not.toContain("culprit");
  });

  test("#syz invalid puts the invalid label on even where a person once took it off", async () => {
    const { probot } = await strictProbot();
    const command = comment(722, "#syz invalid", writer);
    const earlier = ownSummary(621, { declinedLabels: ["invalid"] });
    const scope = nockTriageStart(github(), { config: QUIET, comments: [earlier, command], issue: { labels: [] } });
    permission(scope, "maintainer", "write");
    nockAddsLabels(scope, [{ name: "invalid", description: "Added by syztriage" }]);
    nockUpdatesComment(scope, 621, bodies);
    reaction(scope, 722);
    await probot.receive(event(command));
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)).toMatchObject({ invalid: true, appLabels: ["invalid"], declinedLabels: [] });
  });

  test("#syz dup names the other issue; #syz dup: <title> links the open issue the search finds", async () => {
    const { probot } = await strictProbot();
    const dup = comment(730, "#syz dup: #12", writer);
    const scope = permission(triage(QUIET, [dup], []), "maintainer", "write");
    nockAddsLabels(scope, [
      { name: "subsystem: mm", description: SUBSYSTEM_LABEL },
      { name: "duplicate", description: "Another open issue has the same crash (syztriage)" },
    ]);
    nockCreatesComment(scope, 630, { record: bodies });
    reaction(scope, 730);
    await probot.receive(event(dup));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("**Duplicate of** #12.");

    const { probot: second } = await strictProbot();
    const byTitle = comment(731, "#syz dup: [syzbot] KASAN: slab-out-of-bounds Read in ea_get", writer);
    const again = permission(nockTriageStart(github(), { config: QUIET, comments: [byTitle], issue: { labels: [] } }), "maintainer", "write");
    nockTriageLookups(again, { commit: { sha: SEED_SHA, status: 404 }, search: [{ number: 15, title: "[syzbot] [jfs?] KASAN: slab-out-of-bounds Read in ea_get" }] });
    nockAddsLabels(again, [
      { name: "subsystem: mm", description: SUBSYSTEM_LABEL },
      { name: "duplicate", description: "Another open issue has the same crash (syztriage)" },
    ]);
    nockCreatesComment(again, 631, { record: bodies });
    reaction(again, 731);
    await second.receive(event(byTitle));
    expect(again.pendingMocks()).toEqual([]);
    expect(bodies[1]).toContain("**Duplicate of** #15 (`KASAN: slab-out-of-bounds Read in ea_get`).");
  });

  test("#syz undup takes the duplicate label off; a label a person puts back later stays", async () => {
    const { probot } = await strictProbot();
    const dup = comment(740, "#syz dup: #12", writer);
    const first = permission(triage(QUIET, [dup], []), "maintainer", "write");
    nockAddsLabels(first, [
      { name: "subsystem: mm", description: SUBSYSTEM_LABEL },
      { name: "duplicate", description: "Another open issue has the same crash (syztriage)" },
    ]);
    nockCreatesComment(first, 640, { record: bodies });
    reaction(first, 740);
    await probot.receive(event(dup));
    expect(first.pendingMocks()).toEqual([]);

    const undup = comment(741, "#syz undup", writer);
    const second = nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(640, bodies[0]!), dup, undup], issue: { labels: ["subsystem: mm", "duplicate"] } });
    nockLabelEvents(second, [{ event: "labeled", label: "duplicate", byApp: true }]);
    second.delete(`${REPO_PATH}/issues/1/labels/duplicate`).reply(200, []);
    nockUpdatesComment(second, 640, bodies);
    reaction(second, 741);
    await probot.receive(event(undup));
    expect(second.pendingMocks()).toEqual([]);
    expect(bodies[1]).not.toContain("**Duplicate of**");
    expect(bodies[1]).toContain("- maintainer undid the duplicate mark");

    // Someone labels it duplicate again by hand; a later log edit must not take the label off.
    const third = nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(640, bodies[1]!), dup, undup], issue: { labels: ["subsystem: mm", "duplicate"] } });
    await probot.receive(payload("issues.edited", { body: `${seed}\n` }));
    expect(third.pendingMocks()).toEqual([]);
  });

  test("#syztriage retriage asks GitHub again what the caches remember", async () => {
    const { probot } = await strictProbot();
    const first = triage(QUIET, [], []);
    nockAddsLabels(first, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(first, 650, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(first.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("**Likely culprit:** `2b0d3d3e4fcf`");

    // The commit was pushed since: only a retriage looks it up again (and searches again), and the comment links it.
    const retriage = comment(750, "#syztriage retriage", writer);
    const again = permission(
      nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(650, bodies[0]!), retriage], issue: { labels: ["subsystem: mm"] } }),
      "maintainer",
      "write",
    );
    nockTriageLookups(again, { commit: { sha: SEED_SHA, status: 200, body: commitResponse(SEED_SHA, { subject: "percpu_ref: reduce memory footprint of percpu_ref in fast path", name: "Ming Lei", email: "ming.lei@redhat.com" }) }, maintainers: false });
    nockUpdatesComment(again, 650, bodies);
    reaction(again, 750);
    await probot.receive(event(retriage));
    expect(again.pendingMocks()).toEqual([]);
    expect(bodies[1]).toContain(`**Likely culprit:** [\`2b0d3d3e4fcf\`](https://github.com/Codertocat/Hello-World/commit/${SEED_SHA})`);
  });

  test("a command under a pasted log is a command: the log is read and the command runs", async () => {
    const { probot } = await strictProbot();
    const command = comment(760, `${seed}\nThe culprit is right but this is block's:\n#syz set subsystems: block\n`, writer);
    const scope = permission(triage(QUIET, [command], []), "maintainer", "write");
    nockAddsLabels(scope, [{ name: "subsystem: block", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 761, { record: bodies });
    reaction(scope, 760);
    await probot.receive(event(command));
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)).toMatchObject({ subsystems: ["block"], appLabels: ["subsystem: block"] });
  });

  test("a command on an issue the app does not triage asks about nobody's permission and writes nothing", async () => {
    const { probot } = await strictProbot();
    const command = comment(770, "#syz invalid", writer);
    const scope = nockTriageStart(github(), { config: QUIET, comments: [command] });
    await probot.receive(payload("issue_comment.created", { body: "The README has a typo in the install section.", comment: command.body, commentUser: writer, sender: writer }));
    expect(scope.pendingMocks()).toEqual([]);
  });

  test("triage.authors limits whose texts are triaged, not whose commands run", async () => {
    const { probot } = await strictProbot();
    const command = comment(780, "#syz set subsystems: block", writer);
    const earlier = ownSummary(680, { appLabels: ["subsystem: mm"] });
    const scope = permission(triage("triage:\n  authors: [Codertocat]\nmentions:\n  enabled: false\n", [earlier, command], ["subsystem: mm"]), "maintainer", "write");
    nockAddsLabels(scope, [{ name: "subsystem: block", description: SUBSYSTEM_LABEL }]);
    nockLabelEvents(scope, [{ event: "labeled", label: "subsystem: mm", byApp: true }]);
    scope.delete(`${REPO_PATH}/issues/1/labels/subsystem%3A%20mm`).reply(200, []);
    nockUpdatesComment(scope, 680, bodies);
    reaction(scope, 780);
    await probot.receive(event(command));
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)).toMatchObject({ subsystems: ["block"] });
  });

  test("an edit that corrects a command runs it; the same edit delivered again changes nothing", async () => {
    const { probot } = await strictProbot();
    const typo = "#syz set subsystems: bl@ck";
    const fixed = comment(790, "#syz set subsystems: block", writer);
    // The summary handled the comment as first written (and answered its mistake).
    const earlier = ownSummary(690, { appLabels: ["subsystem: mm"] }, 790);
    const edit = payload("issue_comment.edited", { body: seed, comment: fixed.body, from: typo, commentUser: writer, sender: writer, comment_extra: { id: 790 } });
    const scope = permission(triage(QUIET, [earlier, fixed], ["subsystem: mm"]), "maintainer", "write");
    nockAddsLabels(scope, [{ name: "subsystem: block", description: SUBSYSTEM_LABEL }]);
    nockLabelEvents(scope, [{ event: "labeled", label: "subsystem: mm", byApp: true }]);
    scope.delete(`${REPO_PATH}/issues/1/labels/subsystem%3A%20mm`).reply(200, []);
    nockUpdatesComment(scope, 690, bodies);
    reaction(scope, 790);
    await probot.receive(edit);
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)).toMatchObject({ subsystems: ["block"], appLabels: ["subsystem: block"] });
    expect(bodies[0]).toContain("<!-- syztriage-through: 790 -->");

    // (The write permission answered a moment ago is remembered.)
    const again = nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(690, bodies[0]!), fixed], issue: { labels: ["subsystem: block"] } });
    await probot.receive(edit);
    expect(again.pendingMocks()).toEqual([]);
    expect(bodies).toHaveLength(1);
  });

  test("on an issue whose log was edited away, #syz set subsystems still labels it, even with a label a person took off once", async () => {
    const { probot } = await strictProbot();
    const command = comment(795, "#syz set subsystems: mm", writer);
    const earlier = ownSummary(695, { declinedLabels: ["subsystem: mm"] });
    const scope = permission(nockTriageStart(github(), { config: QUIET, comments: [earlier, command] }), "maintainer", "write");
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockUpdatesComment(scope, 695, bodies);
    reaction(scope, 795);
    await probot.receive(event(command, "The log moved to the mailing-list thread."));
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)).toMatchObject({ subsystems: ["mm"], appLabels: ["subsystem: mm"], declinedLabels: [] });
  });

  test("a quoted command, or one inside a fence, is not a command and costs no call", async () => {
    const { probot } = await strictProbot();
    const calls = countGitHubCalls();
    await probot.receive(payload("issue_comment.created", { comment: "> #syz invalid\nI disagree with the above.", commentUser: writer, sender: writer }));
    await probot.receive(payload("issue_comment.created", { comment: "syzbot's footer:\n```\n#syz invalid\n```", commentUser: writer, sender: writer }));
    expect(calls.count).toBe(0);
  });
});
