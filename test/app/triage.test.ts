import { describe, expect, test } from "vitest";
import { decodeState } from "../../src/state/index.js";
import { fixtureText } from "../helpers/fixtures.js";
import {
  APP_ID,
  APP_LOGIN,
  comment,
  countGitHubCalls,
  github,
  nockAddsLabels,
  nockAuth,
  nockCreatesComment,
  nockLabelEvents,
  nockIssueSearch,
  nockNoConfig,
  nockTriageLookups,
  nockTriageStart,
  nockUpdatesComment,
  nockUserSearch,
  ownComment,
  payload,
  REPO_PATH,
  seedCommit,
  strictProbot,
  SUBSYSTEM_LABEL,
  testProbot,
  useNock,
} from "../helpers/probot.js";
import { golden, QUIET, recordedBodies, seed, SEED_SHA, stateOf } from "../helpers/app-fixtures.js";

const fenced = (text: string) => `Found by syzbot on our tree:\n\n\`\`\`\n${text}\n\`\`\`\n`;

useNock();
const bodies = recordedBodies();

describe("a log in a new issue", () => {
  test("is labelled from the bundled MAINTAINERS and gets one comment that asks the culprit's author first", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: null, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 200, body: seedCommit("ming-lei") } });
    // The author is known from the commit; the others are searched, in the log's order, until the mention cap.
    nockUserSearch(scope, "axboe@kernel.dk", "axboe");
    nockUserSearch(scope, "hch@lst.de", "hch");
    nockUserSearch(scope, "tj@kernel.org", "htejun");
    nockUserSearch(scope, "vkabatov@redhat.com", null);
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 901, { record: bodies });

    await probot.receive(payload("issues.opened", { body: fenced(seed) }));

    expect(scope.pendingMocks()).toEqual([]);
    await expect(bodies[0]).toMatchFileSnapshot(golden("seed-new-issue"));
    expect(decodeState(bodies[0]!.split("\n")[1]!)?.appLabels).toEqual(["subsystem: mm"]);
  });

  test("is labelled with the repository's rules, which win over MAINTAINERS", async () => {
    const { probot } = await strictProbot();
    const config = [
      "labels:",
      '  extra: ["syzbot"]',
      '  color: "#D93F0B"',
      "subsystems:",
      "  rules:",
      '    percpu: ["lib/percpu*.c", "include/linux/percpu*.h"]',
      "mentions:",
      "  lookup: false",
      "  when: always",
      "  users:",
      "    axboe@kernel.dk: axboe",
    ].join("\n");
    const scope = nockTriageStart(github(), { config, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404, body: { message: "No commit found" } } });
    nockAddsLabels(scope, [
      { name: "subsystem: percpu", description: SUBSYSTEM_LABEL, color: "d93f0b" },
      { name: "syzbot", description: "Added by syztriage", color: "d93f0b" },
    ]);
    nockCreatesComment(scope, 902, { record: bodies });

    await probot.receive(payload("issues.opened", { body: seed }));

    expect(scope.pendingMocks()).toEqual([]);
    // The commit is not in this repository: no link; only the config's user map resolves anyone.
    expect(bodies[0]).toContain("**Likely culprit:** `2b0d3d3e4fcf` `percpu_ref: reduce memory footprint of percpu_ref in fast path` by Ming Lei.");
    expect(bodies[0]).toContain("**Who should look:** @axboe.");
    expect(bodies[0]).toContain("**Subsystem:** percpu (from the culprit's files).");
  });
});

describe("events that change nothing write nothing", () => {
  test("an issue without a log makes no GitHub call at all", async () => {
    const { probot } = await strictProbot();
    const calls = countGitHubCalls();
    await probot.receive(payload("issues.opened", { body: "The kernel oopses when I mount this image. Help?" }));
    expect(calls.count).toBe(0);
  });

  test("a pull request conversation is ignored", async () => {
    const { probot } = await strictProbot();
    const calls = countGitHubCalls();
    await probot.receive(payload("issue_comment.created", { comment: seed, issue: { pull_request: { url: "x" } } }));
    expect(calls.count).toBe(0);
  });

  test("a redelivered event finds the comment unchanged and writes nothing, with no lookup and no search repeated", async () => {
    const { probot } = await strictProbot();
    const first = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(first, { commit: { sha: SEED_SHA, status: 404 } });
    nockAddsLabels(first, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(first, 903, { record: bodies });
    const event = payload("issues.opened", { body: seed });
    await probot.receive(event);
    expect(first.pendingMocks()).toEqual([]);

    // Same delivery again: the commit and the missing MAINTAINERS are cached, the comment remembers the search.
    const again = nockTriageStart(github(), { auth: false, config: QUIET, comments: [ownComment(903, bodies[0]!)], issue: { labels: ["subsystem: mm"] } });
    await probot.receive(event);
    expect(again.pendingMocks()).toEqual([]);
  });

  test("a redelivery whose payload predates the app's labels reads them again and adds none", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: QUIET, comments: [], issue: { labels: ["bug", "subsystem: mm"] } });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    // The label is there but not in the app's record: the issue's events say a person added it.
    nockLabelEvents(scope, [{ event: "labeled", label: "subsystem: mm", byApp: false }]);
    nockCreatesComment(scope, 920, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    // A label the app did not add is not the app's to remove later.
    expect(decodeState(bodies[0]!.split("\n")[1]!)?.appLabels).toEqual([]);
  });

  test("an edit that changes the result updates the comment in place", async () => {
    const { probot } = await strictProbot();
    // A failed bisection names no crash to search for, and no commit.
    const scope = nockTriageStart(github(), { config: QUIET, comments: [comment(10, "+1, same here"), ownComment(904, "an older summary")] });
    nockUpdatesComment(scope, 904, bodies);
    await probot.receive(payload("issues.edited", { body: fixtureText("logs/error-not-reproduced.txt"), from: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    await expect(bodies[0]).toMatchFileSnapshot(golden("error-not-reproduced-edit"));
  });

  test("the app's own comment coming back as an event is not triaged", async () => {
    const { probot } = await strictProbot();
    const scope = github().get("/app").reply(200, { id: APP_ID, slug: "syztriage" });
    await probot.receive(
      payload("issue_comment.created", {
        comment: seed,
        sender: { login: APP_LOGIN, type: "Bot" },
        commentUser: { login: APP_LOGIN, type: "Bot" },
        comment_extra: { performed_via_github_app: { id: APP_ID } },
      }),
    );
    expect(scope.pendingMocks()).toEqual([]);
  });
});

describe("configuration", () => {
  test("an unknown key and a wrong type give one comment naming both, no labels, no mentions", async () => {
    const { probot } = await testProbot();
    const scope = nockTriageStart(github(), { config: "labels:\n  prefx: 'x'\nmentions:\n  max: lots\n", comments: [] });
    nockCreatesComment(scope, 905, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    await expect(bodies[0]).toMatchFileSnapshot(golden("config-schema-error"));
  });

  test("invalid YAML is reported with the file's path, line and column", async () => {
    const { probot } = await testProbot();
    const scope = nockTriageStart(github(), { config: "labels:\n  prefix: [unclosed\n", comments: [ownComment(906, "old")] });
    nockUpdatesComment(scope, 906, bodies);
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("Codertocat/Hello-World:.github/syztriage.yml: invalid YAML:");
    expect(bodies[0]).toContain("at line 3, column 1");
    expect(bodies[0]).not.toContain("api.github.com");
  });

  test("a config read that keeps failing is GitHub's failure, not the user's: the good summary is left alone", async () => {
    const { probot, logs } = await testProbot();
    const scope = nockAuth(github()).get(`${REPO_PATH}/contents/.github%2Fsyztriage.yml`).reply(502, { message: "Server Error" });
    await expect(probot.receive(payload("issues.edited", { body: seed }))).rejects.toThrow();
    expect(scope.pendingMocks()).toEqual([]);
    expect(logs.find((l) => l.msg === "triage failed, not retried (no retry runner)")).toMatchObject({ issue: "Codertocat/Hello-World#1" });
  });
});

describe("who may be triaged and mentioned", () => {
  test("other bots are ignored unless the config allows their login", async () => {
    const { probot } = await strictProbot();
    const bot = { login: "syzbot-relay[bot]", type: "Bot" };
    const ignored = nockNoConfig(nockAuth(github()));
    await probot.receive(payload("issue_comment.created", { comment: seed, sender: bot, commentUser: bot }));
    expect(ignored.pendingMocks()).toEqual([]);

    const { probot: allowing } = await strictProbot();
    const config = 'triage:\n  bots: ["syzbot-relay[bot]"]\nmentions:\n  lookup: false\n  users:\n    hch@lst.de: hch\n';
    const scope = nockTriageStart(github(), { config, comments: [comment(492700400, seed, bot)] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 907, { record: bodies });
    await allowing.receive(payload("issue_comment.created", { comment: seed, sender: bot, commentUser: bot }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("**Who should look:** @hch.");
  });

  test("a log from outside the project is summarized without mentioning anyone", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: "mentions:\n  users:\n    hch@lst.de: hch\n", comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 908, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed, issue: { author_association: "NONE" } }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).not.toMatch(/(^|\s)@hch/m);
    expect(bodies[0]).toContain(
      "**Not mentioned**, because the log was posted by someone outside owner/member/collaborator of this repository: Ming Lei `ming.lei@redhat.com`, Jens Axboe `axboe@kernel.dk`, Christoph Hellwig `hch@lst.de`",
    );
  });

  test("mentions stop at mentions.max, and so do the lookups", async () => {
    const { probot } = await strictProbot();
    const config = "mentions:\n  max: 2\n";
    const scope = nockTriageStart(github(), { config, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 200, body: seedCommit(null) } });
    // Two searches at most: the cap says what can be used.
    nockUserSearch(scope, "ming.lei@redhat.com", null);
    nockUserSearch(scope, "axboe@kernel.dk", "axboe");
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 909, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]?.match(/(?<=^|\s)@[a-z]/gm)).toHaveLength(1);
    expect(bodies[0]).toContain("**Who should look:** @axboe.");
  });
});

describe("duplicates", () => {
  test("an open issue with the same crash title is named, and labelled when configured", async () => {
    const { probot } = await strictProbot();
    const config = 'labels:\n  duplicate: "duplicate?"\nmentions:\n  enabled: false\n';
    let query = "";
    const scope = nockTriageStart(github(), { config, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 }, search: false });
    const found = [
      { number: 1, title: "this issue itself" },
      { number: 7, title: "[syzbot] [block?] BUG: unable to handle kernel NULL pointer dereference in __percpu_ref_exit (2)" },
      { number: 9, title: "KASAN: use-after-free in something else", body: "unrelated" },
    ];
    nockIssueSearch(scope, found, (q) => {
      query = String(q.q);
      return true;
    });
    nockAddsLabels(scope, [
      { name: "subsystem: mm", description: SUBSYSTEM_LABEL },
      { name: "duplicate?", description: "Another open issue has the same crash (syztriage)" },
    ]);
    nockCreatesComment(scope, 930, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(query).toBe('repo:Codertocat/Hello-World is:issue is:open "BUG: unable to handle kernel NULL pointer dereference in __percpu_ref_exit"');
    expect(bodies[0]).toContain("**Possible duplicate of** #7 (");
    expect(bodies[0]).not.toContain("#9");
  });

  test("a failed search fails the event rather than write a comment without the hint", async () => {
    const { probot, logs } = await testProbot();
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 }, search: false })
      .get("/search/issues")
      .query(true)
      .reply(403, { message: "API rate limit exceeded" });
    await expect(probot.receive(payload("issues.opened", { body: seed }))).rejects.toThrow();
    expect(scope.pendingMocks()).toEqual([]);
    expect(logs.find((l) => l.msg === "triage failed, not retried (no retry runner)")).toMatchObject({ issue: "Codertocat/Hello-World#1" });
  });
});

describe("races and failures", () => {
  test("a new issue and a comment arriving together produce one comment", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 910, { record: bodies });
    // The second event runs after the first and sees the comment it created.
    nockTriageStart(scope, { auth: false, config: QUIET, comments: () => [comment(492700400, "me too"), ownComment(910, bodies[0] ?? "")], issue: { labels: ["subsystem: mm"] } });
    await Promise.all([
      probot.receive(payload("issues.opened", { body: seed })),
      probot.receive(payload("issue_comment.created", { body: seed, comment: seed })),
    ]);
    expect(scope.pendingMocks()).toEqual([]);
  });

  test("a failed write is logged with the issue and delivery, and the next event repairs it", async () => {
    const { probot, logs } = await testProbot();
    const failing = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(failing, { commit: { sha: SEED_SHA, status: 404 } });
    nockAddsLabels(failing, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    failing.post(`${REPO_PATH}/issues/1/comments`).reply(500, { message: "boom" });
    await expect(probot.receive(payload("issues.opened", { body: seed }))).rejects.toThrow();
    expect(failing.pendingMocks()).toEqual([]);
    expect(logs.find((l) => l.msg === "triage failed, not retried (no retry runner)")).toMatchObject({ issue: "Codertocat/Hello-World#1", delivery: "delivery-issues.opened" });

    // The label went on before the failure; the retry writes the comment only, and the events show the label is the app's.
    const repair = nockTriageStart(github(), { auth: false, config: QUIET, comments: [], issue: { labels: ["subsystem: mm"] } });
    nockIssueSearch(repair);
    nockLabelEvents(repair, [{ event: "labeled", label: "subsystem: mm", byApp: true }]);
    nockCreatesComment(repair, 911, { record: bodies });
    await probot.receive(payload("issues.edited", { body: seed }));
    expect(repair.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)?.appLabels).toEqual(["subsystem: mm"]);
  });

  test("a duplicate summary another replica wrote is deleted, the oldest kept", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: QUIET, comments: [ownComment(912, "from one replica"), ownComment(913, "from the other")], issue: { labels: [] } });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockUpdatesComment(scope, 912, bodies).delete(`${REPO_PATH}/issues/comments/913`).reply(204);
    await probot.receive(payload("issues.edited", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
  });
});
