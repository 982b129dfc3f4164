import nock from "nock";
import { beforeEach, describe, expect, test } from "vitest";
import { fixtureText } from "../helpers/fixtures.js";
import {
  APP_ID,
  APP_LOGIN,
  comment,
  github,
  nockAuth,
  nockCreatesComment,
  nockIssueSearch,
  nockNoConfig,
  nockNoMaintainers,
  nockTriageLookups,
  nockTriageStart,
  nockUpdatesComment,
  ownComment,
  countGitHubCalls,
  payload,
  REPO_PATH,
  strictProbot,
  testProbot,
  useNock,
} from "../helpers/probot.js";

const seed = fixtureText("logs/seed-2020-culprit.txt");
const SEED_SHA = "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e";
const fenced = (text: string) => `Found by syzbot on our tree:\n\n\`\`\`\n${text}\n\`\`\`\n`;

/** The seed's culprit exists in the repository and GitHub links its author to a login. */
function nockSeedLookups(scope: nock.Scope, logins: Record<string, string | null> = {}): nock.Scope {
  nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 200, body: { sha: SEED_SHA, author: { login: "ming-lei" } } } });
  for (const email of ["axboe@kernel.dk", "hch@lst.de", "tj@kernel.org", "vkabatov@redhat.com"]) {
    const login = email in logins ? logins[email] : null;
    scope
      .get("/search/users")
      .query({ q: `${email} in:email`, per_page: "2" })
      .reply(200, { total_count: login ? 1 : 0, incomplete_results: false, items: login ? [{ login }] : [] });
  }
  return scope;
}

useNock();
let bodies: string[];
beforeEach(() => {
  bodies = [];
});

describe("a log in a new issue", () => {
  test("gets one comment that summarizes it and mentions the recipients GitHub knows", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: null, comments: [] });
    nockSeedLookups(scope, { "axboe@kernel.dk": "axboe", "hch@lst.de": "hch", "tj@kernel.org": "htejun" });
    nockCreatesComment(scope, 901, { record: bodies });

    await probot.receive(payload("issues.opened", { body: fenced(seed) }));

    expect(scope.pendingMocks()).toEqual([]);
    const [body] = bodies;
    expect(body).toContain(`bisected to [\`2b0d3d3e4fcf\`](https://github.com/Codertocat/Hello-World/commit/${SEED_SHA})`);
    expect(body).toContain("cc @axboe @hch @ming-lei @htejun\n");
    expect(body).toContain("Not mentioned: `vkabatov@redhat.com`");
    expect(body).toContain("`BUG: unable to handle kernel NULL pointer dereference in __percpu_ref_exit`");
    expect(body).toContain("1 commit could not be tested and was skipped.");
    expect(body).toContain("`lib/percpu-refcount.c` (131)");
  });

  test("is labelled with the subsystems of the repository's rules, creating the labels", async () => {
    const { probot } = await strictProbot();
    const config = [
      "labels:",
      '  extra: ["syzbot"]',
      '  color: "#D93F0B"',
      "subsystems:",
      "  rules:",
      '    percpu: ["lib/percpu*.c", "include/linux/percpu*.h"]',
      '    rdma: ["drivers/infiniband/**"]',
      "mentions:",
      "  lookup: false",
      "  users:",
      "    axboe@kernel.dk: axboe",
    ].join("\n");
    const created: unknown[] = [];
    const scope = nockTriageStart(github(), { config, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404, body: { message: "No commit found" } } });
    scope
      .post(`${REPO_PATH}/labels`, (b) => created.push(b) > 0)
      .times(2)
      .reply(201, {})
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["subsystem: percpu", "syzbot"] })
      .reply(200, []);
    nockCreatesComment(scope, 902, { record: bodies });

    await probot.receive(payload("issues.opened", { body: seed }));

    expect(scope.pendingMocks()).toEqual([]);
    // rdma gets only the culprit's 2-line fixup of 185 changed lines: no label.
    expect(created).toEqual([
      { name: "subsystem: percpu", color: "d93f0b", description: "Kernel subsystem of a bisected culprit (syztriage)" },
      { name: "syzbot", color: "d93f0b", description: "Added by syztriage" },
    ]);
    // The commit is not in this repository: no link; only the config's user map resolves anyone.
    expect(bodies[0]).toContain("bisected to `2b0d3d3e4fcf` percpu\\_ref");
    expect(bodies[0]).toContain("cc @axboe\n");
    expect(bodies[0]).toContain("Subsystems: **percpu**\n");
    expect(bodies[0]).toContain("| Culprit subsystems | percpu (183 lines, rules), rdma (2 lines, rules) |");
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

  test("a redelivered event finds the comment unchanged and writes nothing", async () => {
    const { probot } = await strictProbot();
    const config = "mentions:\n  lookup: false\n";
    const first = nockTriageStart(github(), { config, comments: [] });
    nockTriageLookups(first, { commit: { sha: SEED_SHA, status: 200, body: { author: null } } });
    nockCreatesComment(first, 903, { record: bodies });
    const event = payload("issues.opened", { body: seed });
    await probot.receive(event);
    expect(first.pendingMocks()).toEqual([]);

    // Same delivery again: the comment already says exactly this; the commit lookup is cached.
    const again = nockTriageStart(github(), { auth: false, config, comments: [ownComment(903, bodies[0]!)] });
    nockTriageLookups(again);
    await probot.receive(event);
    expect(again.pendingMocks()).toEqual([]);
  });

  test("a redelivery whose payload predates the app's labels reads them again and adds none", async () => {
    const { probot } = await strictProbot();
    const config = 'subsystems:\n  rules:\n    percpu: ["lib/percpu*.c"]\nmentions:\n  enabled: false\n';
    const scope = nockTriageStart(github(), { config, comments: [], issue: { labels: ["bug", "subsystem: percpu"] } });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockCreatesComment(scope, 920);
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
  });

  test("an edit that changes the result updates the comment in place", async () => {
    const { probot } = await strictProbot();
    const config = "mentions:\n  enabled: false\n";
    const edited: string[] = [];
    const scope = nockTriageStart(github(), { config, comments: [comment(10, "+1, same here"), ownComment(904, "an older summary")] });
    nockNoMaintainers(scope);
    nockUpdatesComment(scope, 904, edited);
    await probot.receive(payload("issues.edited", { body: fixtureText("logs/error-not-reproduced.txt"), from: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(edited[0]).toContain("the cause bisection failed: the crash wasn't reproduced on the original commit");
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

describe("an unreliable bisection", () => {
  const merge = fixtureText("logs/2022-merge-culprit.txt");
  const MERGE_SHA = "f18e345dd156cc0fcf4a4911af2f959120613871";
  const config = (when: string) => `mentions:\n  when: ${when}\n  lookup: false\n  users:\n    torvalds@linux-foundation.org: torvalds\n`;

  function scopeFor(when: string, labels: string[]): nock.Scope {
    const scope = nockTriageStart(github(), { config: config(when), comments: [], issue: { labels: [] } });
    nockTriageLookups(scope, { commit: { sha: MERGE_SHA, status: 404 } });
    if (labels.length > 0) {
      for (const name of labels) scope.post(`${REPO_PATH}/labels`, (b: { name: string }) => b.name === name).reply(201, {});
      scope.post(`${REPO_PATH}/issues/1/labels`, { labels }).reply(200, []);
    }
    return nockCreatesComment(scope, 940, { record: bodies });
  }

  test("shows the result and the reasons, mentions no one, and is labelled", async () => {
    const { probot } = await strictProbot();
    const scope = scopeFor("reliable", ["bisection: unreliable"]);
    await probot.receive(payload("issues.opened", { body: merge }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("Verdict: **unreliable** (score 0.00):");
    expect(bodies[0]).toContain("- the culprit is a merge commit");
    expect(bodies[0]).not.toContain("@torvalds");
    expect(bodies[0]).toContain("`torvalds@linux-foundation.org`");
    expect(bodies[0]).toContain("the bisection looks unreliable");
  });

  test("mentions.when: always still mentions", async () => {
    const { probot } = await strictProbot();
    const scope = scopeFor("always", ["bisection: unreliable"]);
    await probot.receive(payload("issues.opened", { body: merge }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("cc @torvalds\n");
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
    scope
      .post(`${REPO_PATH}/labels`, { name: "duplicate?", color: "1d76db", description: "Added by syztriage" })
      .reply(201, {})
      .post(`${REPO_PATH}/issues/1/labels`, { labels: ["duplicate?"] })
      .reply(200, []);
    nockCreatesComment(scope, 930, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(query).toBe('repo:Codertocat/Hello-World is:issue is:open "BUG: unable to handle kernel NULL pointer dereference in __percpu_ref_exit"');
    expect(bodies[0]).toContain("Possible duplicate of #7 (");
    expect(bodies[0]).not.toContain("#9");
  });

  test("a failed search fails the event rather than write a comment without the hint", async () => {
    const { probot, logs } = await testProbot();
    const scope = nockTriageStart(github(), { config: "mentions:\n  enabled: false\n", comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 }, search: false })
      .get("/search/issues")
      .query(true)
      .reply(403, { message: "API rate limit exceeded" });
    // No comment is written: the hint would come and go with GitHub's rate limit. The next event retries.
    await expect(probot.receive(payload("issues.opened", { body: seed }))).rejects.toThrow();
    expect(scope.pendingMocks()).toEqual([]);
    expect(logs.find((l) => l.msg === "triage failed; the next event on this issue retries it")).toMatchObject({ issue: "Codertocat/Hello-World#1" });
  });
});

describe("configuration errors", () => {
  test("an unknown key and a wrong type give one comment naming both, no labels, no mentions", async () => {
    const { probot } = await testProbot();
    const scope = nockTriageStart(github(), { config: "labels:\n  prefx: 'x'\nmentions:\n  max: lots\n", comments: [], issue: false });
    nockCreatesComment(scope, 905, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("configuration error");
    expect(bodies[0]).toContain('Unrecognized key: "prefx"');
    expect(bodies[0]).toContain("→ at labels");
    expect(bodies[0]).toContain("→ at mentions.max");
    expect(bodies[0]).not.toMatch(/@\w/);
  });

  test("invalid YAML is reported the same way", async () => {
    const { probot } = await testProbot();
    const scope = nockTriageStart(github(), { config: "labels: [unclosed\n", comments: [ownComment(906, "old")], issue: false });
    nockUpdatesComment(scope, 906, bodies);
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("configuration error");
    expect(bodies[0]).toContain("invalid YAML");
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
    nockCreatesComment(scope, 907, { record: bodies });
    await allowing.receive(payload("issue_comment.created", { comment: seed, sender: bot, commentUser: bot }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("cc @hch");
  });

  test("a log from outside the project is summarized without mentioning anyone", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: "mentions:\n  users:\n    hch@lst.de: hch\n", comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockCreatesComment(scope, 908, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed, issue: { author_association: "NONE" } }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).not.toContain("@hch");
    expect(bodies[0]).toContain("`hch@lst.de`");
    expect(bodies[0]).toContain("posted by someone outside owner/member/collaborator");
  });

  test("mentions stop at mentions.max", async () => {
    const { probot } = await strictProbot();
    const users = ["axboe@kernel.dk: axboe", "hch@lst.de: hch", "ming.lei@redhat.com: ming", "tj@kernel.org: tj"];
    const config = `mentions:\n  max: 2\n  lookup: false\n  users:\n${users.map((u) => `    ${u}`).join("\n")}\n`;
    const scope = nockTriageStart(github(), { config, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockCreatesComment(scope, 909, { record: bodies });
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]?.match(/(?<=^|\s)@[a-z]/gm)).toHaveLength(2);
    expect(bodies[0]).toContain("cc @axboe @hch\n");
  });
});

describe("races and failures", () => {
  test("a new issue and a comment arriving together produce one comment", async () => {
    const { probot } = await strictProbot();
    const config = "mentions:\n  enabled: false\n";
    const scope = nockTriageStart(github(), { config, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockCreatesComment(scope, 910, { record: bodies });
    // The second event runs after the first and sees the comment it created.
    nockTriageStart(scope, { auth: false, config, comments: () => [comment(492700400, "me too"), ownComment(910, bodies[0] ?? "")] });
    nockTriageLookups(scope);
    await Promise.all([
      probot.receive(payload("issues.opened", { body: seed })),
      probot.receive(payload("issue_comment.created", { body: seed, comment: seed })),
    ]);
    expect(scope.pendingMocks()).toEqual([]);
  });

  test("a failed write is logged with the issue and delivery, and the next event repairs it", async () => {
    const { probot, logs } = await testProbot();
    const config = "mentions:\n  enabled: false\n";
    const failing = nockTriageStart(github(), { config, comments: [] });
    nockTriageLookups(failing, { commit: { sha: SEED_SHA, status: 404 } })
      .post(`${REPO_PATH}/issues/1/comments`)
      .reply(500, { message: "boom" });
    await expect(probot.receive(payload("issues.opened", { body: seed }))).rejects.toThrow();
    expect(failing.pendingMocks()).toEqual([]);
    const error = logs.find((l) => l.msg === "triage failed; the next event on this issue retries it");
    expect(error).toMatchObject({ issue: "Codertocat/Hello-World#1", delivery: "delivery-issues.opened" });

    const repair = nockTriageStart(github(), { auth: false, config, comments: [] });
    nockTriageLookups(repair);
    nockCreatesComment(repair, 911);
    await probot.receive(payload("issues.edited", { body: seed }));
    expect(repair.pendingMocks()).toEqual([]);
  });

  test("a duplicate comment created by another replica is deleted, the oldest kept", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: "mentions:\n  enabled: false\n", comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockCreatesComment(scope, 913, { relisted: [ownComment(912, "from the other replica"), ownComment(913, "ours")] })
      .delete(`${REPO_PATH}/issues/comments/913`)
      .reply(204);
    await probot.receive(payload("issues.opened", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
  });
});
