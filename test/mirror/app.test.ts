import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { readReports } from "../../src/analyse/read-reports.js";
import { MirrorSchedule } from "../../src/mirror/schedule.js";
import { RedisStore } from "../../src/store/redis-store.js";
import { INSTALLATION, OWNER, REPO } from "../helpers/probot.js";
import { REDIS_MISSING, type RedisServer, startRedis } from "../store/redis-server.js";
import { type Harness, harness, MIRROR_CONFIG, useLoopbackOnly } from "./harness.js";

/**
 * The mirror end to end, as the server runs it each round: a fake dashboard on loopback HTTP serving
 * syzkaller's JSON, a fake repository behind nock, the app's real triage of what the mirror writes.
 */
let h: Harness;
useLoopbackOnly();
afterEach(async () => h?.close());

function warnings(): Record<string, unknown>[] {
  return h.logs.filter((l) => (l.level as number) >= 40);
}

describe("a bug's life on the dashboard", () => {
  beforeEach(async () => {
    h = await harness();
  });

  test("a new bug opens one issue as syzbot's report, which the triage then labels and comments on", async () => {
    h.show("nf-tables", "reported");
    await h.sync();
    expect(h.github.issues).toHaveLength(1);
    const issue = h.github.issue(1);
    expect(issue.title).toBe("[syzkaller] general protection fault in nf_tables_dump_tables");
    expect(issue.user.login).toBe("syztriage[bot]");
    expect(issue.body).toMatch(/^<!-- syztriage-mirror: 000713bab9dbbd78de82aebd7a7bd4ba597a60c4 [A-Za-z0-9_-]+ -->\n/);
    expect(issue.body).toContain("- dashboard link: https://syzkaller.appspot.com/bug?extid=0e3358e5ebb1956c271d\n");
    expect(issue.body).toContain("- syz repro:      https://syzkaller.appspot.com/x/repro.syz?x=17a81d4b300000\n");
    expect(issue.body).toContain("Reported-by: syzbot+0e3358e5ebb1956c271d@syzkaller.appspotmail.com");
    // The crash report is in the body, as the app's reader reads it.
    const read = readReports(issue.body);
    expect(read.reports).toEqual([]);
    expect(read.crashes.map((c) => c.crash.guiltyFile)).toEqual(["net/netfilter/nf_tables_api.c"]);
    // The usual triage: the crash's subsystem, one summary comment.
    expect(issue.labels).toEqual(["subsystem: netfilter"]);
    expect(h.github.ownComments(1)).toHaveLength(1);
    expect(h.github.ownComments(1)[0]?.body).toContain("**syzbot report, not bisected:** `general protection fault in nf_tables_dump_tables`");
    expect(warnings()).toEqual([]);
  });

  test("a second run writes nothing, though it looks", async () => {
    h.show("nf-tables", "reported");
    await h.sync();
    const writes = [...h.github.writes];
    const asked = h.dashboard.requests.length;
    await h.sync();
    expect(h.github.writes).toEqual(writes);
    expect(h.dashboard.requests.length).toBeGreaterThan(asked);
  });

  test("a bisection appears on the issue (its log in the body) and the triage judges the culprit", async () => {
    h.show("nf-tables", "reported");
    await h.sync();
    h.show("nf-tables", "bisected");
    const before = h.github.writes.length;
    await h.sync();
    const issue = h.github.issue(1);
    expect(h.github.writes.slice(before)).toContain(`PATCH /repos/${OWNER}/${REPO}/issues/1`);
    expect(issue.body).toContain("<details><summary>Bisection log</summary>");
    expect(issue.body).not.toContain("Bisected to:");
    expect(readReports(issue.body).reports.map((r) => [r.format, r.outcome, r.culprit?.sha])).toEqual([
      ["bisection-log", "culprit", "6001a930ce0378b62210d4f83583fc88a903d89d"],
    ]);
    const summary = h.github.ownComments(1);
    expect(summary).toHaveLength(1);
    expect(summary[0]?.body).toContain("**Likely culprit:** `6001a930ce03` `netfilter: nftables: introduce table ownership`");
    // People the log names are not mentioned from an issue the app wrote (triage.bots would let them be).
    expect(summary[0]?.body).toContain("**Not mentioned**");
    expect(summary[0]?.body).not.toMatch(/(?:^|\s)@[A-Za-z0-9]/m);
    const settled = h.github.writes.length;
    await h.sync();
    expect(h.github.writes).toHaveLength(settled);
  });

  test("a bisection log too long for an issue is linked, and the triage reads it from the link", async () => {
    h.show("mon-bin", "bisected");
    await h.sync();
    const issue = h.github.issue(1);
    expect(issue.body).toContain("- Bisected to:    commit 46eb14a6e1585d99c1b9f58d0e7389082a5f466b USB: fix usbmon BUG trigger\n");
    expect(issue.body).toContain("- bisection log:  https://syzkaller.appspot.com/x/bisect.txt?x=14deb012e00000\n");
    expect(issue.body.length).toBeLessThan(65_536);
    // Linked by id (not reported yet): no Reported-by tag to give.
    expect(issue.body).not.toContain("Reported-by:");
    expect(h.github.ownComments(1)[0]?.body).toContain("`46eb14a6e158` `USB: fix usbmon BUG trigger`");
    expect(h.github.ownComments(1)[0]?.body).not.toContain("without its bisection log");
  });

  test("a fixed bug closes its issue with the fix commit; nothing more happens to it", async () => {
    h.show("nf-tables", "bisected");
    await h.sync();
    h.show("nf-tables", "fixed");
    await h.sync();
    const issue = h.github.issue(1);
    expect(issue.state).toBe("closed");
    expect(issue.state_reason).toBe("completed");
    expect(issue.body).toContain("**Fixed by:** `a499b03bf36b` netfilter: nf\\_tables: unlink table before deleting it");
    expect(issue.body).toContain("**On the dashboard:** fixed.");
    const closing = h.github.ownComments(1).at(-1)?.body;
    expect(closing).toBe(
      "syzbot marks this bug fixed by `a499b03bf36b` netfilter: nf\\_tables: unlink table before deleting it on its [dashboard](https://syzkaller.appspot.com/bug?extid=0e3358e5ebb1956c271d), so syztriage closes the issue.\n",
    );
    const writes = h.github.writes.length;
    await h.sync();
    expect(h.github.writes).toHaveLength(writes);
  });
});

describe("what people did is not undone", () => {
  beforeEach(async () => {
    h = await harness();
  });

  test("an issue a person closed stays closed and untouched, and its bug gets no second issue", async () => {
    h.show("nf-tables", "reported");
    await h.sync();
    h.github.closeByPerson(1);
    const writes = h.github.writes.length;
    h.show("nf-tables", "bisected");
    await h.sync();
    h.show("nf-tables", "fixed");
    await h.sync();
    expect(h.github.writes).toHaveLength(writes);
    expect(h.github.issues).toHaveLength(1);
    expect(h.github.issue(1)).toMatchObject({ state: "closed", state_reason: "not_planned" });
  });

  test("a label a person took off stays off and one a person added stays on when the issue is rewritten", async () => {
    h.show("nf-tables", "reported");
    await h.sync();
    h.github.issue(1).labels = ["confirmed"];
    h.show("nf-tables", "bisected");
    const before = h.github.writes.length;
    await h.sync();
    expect(h.github.issue(1).body).toContain("<summary>Bisection log</summary>");
    expect(h.github.issue(1).labels).toEqual(["confirmed"]);
    expect(h.github.writes.slice(before).filter((w) => /labels/.test(w))).toEqual([]);
  });

  test("a description a person edited is left as it is; the fix still closes the issue, the edit kept", async () => {
    h.show("nf-tables", "reported");
    await h.sync();
    const issue = h.github.issue(1);
    issue.body = `${issue.body}\r\nReproduced on our CI with the syz repro.\r\n`;
    const writes = h.github.writes.length;
    h.show("nf-tables", "bisected");
    await h.sync();
    expect(h.github.writes).toHaveLength(writes);
    expect(h.logs.some((l) => l.msg === "mirror: skipped" && String(l.reason).startsWith("a person edited the description"))).toBe(true);
    h.show("nf-tables", "fixed");
    await h.sync();
    expect(issue.state).toBe("closed");
    expect(issue.body).toContain("Reproduced on our CI with the syz repro.");
    expect(issue.body).not.toContain("<summary>Bisection log</summary>");
    const closed = h.github.writes.length;
    await h.sync();
    expect(h.github.writes).toHaveLength(closed);
  });

  test("an issue someone else opened with the mirror's marker is not the mirror's", async () => {
    h.show("nf-tables", "reported");
    await h.sync();
    const forged = h.github.open("[syzkaller] general protection fault in nf_tables_dump_tables", h.github.issue(1).body);
    h.show("nf-tables", "fixed");
    await h.sync();
    expect(h.github.issue(1).state).toBe("closed");
    expect(forged.state).toBe("open");
    expect(forged.comments).toEqual([]);
  });
});

describe("a dashboard that fails changes nothing, and says so in the log", () => {
  beforeEach(async () => {
    h = await harness();
    h.show("nf-tables", "reported");
    await h.sync();
    h.show("nf-tables", "fixed");
    h.show("mptcp", "reported");
  });

  test.each([
    ["answers 500", 500, "HTTP 500"],
    ["answers an HTML page", "garbage" as const, "not JSON"],
  ])("its list of open bugs %s", async (_name, failure, error) => {
    h.dashboard.fail(/^\/upstream\?json=1$/, failure);
    const writes = h.github.writes.length;
    await h.sync();
    expect(h.github.writes).toHaveLength(writes);
    expect(warnings()).toEqual([expect.objectContaining({ msg: "mirror: could not read the dashboard's open bugs; nothing written", error })]);
    h.dashboard.heal();
    await h.sync();
    expect(h.github.issue(1).state).toBe("closed");
    expect(h.github.issues).toHaveLength(2);
  });

  test("a bug's page that fails leaves that bug for the next run, the others go on", async () => {
    h.dashboard.fail(/^\/bug\?id=000713bab9dbbd78de82aebd7a7bd4ba597a60c4&json=1$/, 500);
    await h.sync();
    expect(h.github.issue(1).state).toBe("open");
    expect(h.github.issue(2).title).toBe("[syzkaller] WARNING in mptcp_pm_nl_set_flags (2)");
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: "mirror: skipped", issue: 1, reason: "could not read the bug on the dashboard: HTTP 500" }));
  });

  test("a list in another version of the API is not read", async () => {
    h.dashboard.fail(/^\/upstream\?json=1$/, { body: '{"version": 2, "Bugs": []}' });
    const writes = h.github.writes.length;
    await h.sync();
    expect(h.github.writes).toHaveLength(writes);
    expect(warnings()).toEqual([expect.objectContaining({ error: "not the dashboard's JSON (version: Invalid input: expected 1)" })]);
  });
});

describe("the config", () => {
  test("subsystems filter on the dashboard, titles and the cap per run here", async () => {
    h = await harness(`${MIRROR_CONFIG}  subsystems: [mptcp, usb]\n  titles: ["WARNING in *", "possible deadlock in *"]\n  withRepro: true\n  maxOpen: 1\n`);
    h.show("nf-tables", "reported");
    h.show("mptcp", "reported");
    h.show("mon-bin", "reported");
    await h.sync();
    expect(h.dashboard.requests.filter((r) => r.startsWith("/upstream"))).toEqual(["/upstream?label=subsystems:mptcp&with_repro=1&json=1", "/upstream?label=subsystems:usb&with_repro=1&json=1"]);
    expect(h.github.issues.map((i) => i.title)).toEqual(["[syzkaller] WARNING in mptcp_pm_nl_set_flags (2)"]);
    await h.sync();
    expect(h.github.issues.map((i) => i.title)).toEqual(["[syzkaller] WARNING in mptcp_pm_nl_set_flags (2)", "[syzkaller] possible deadlock in mon_bin_vma_fault"]);
  });

  test("a repository without mirror.enabled is left alone, and asked again only an hour later", async () => {
    h = await harness("labels:\n  extra: [syzbot]\n");
    h.show("nf-tables", "reported");
    await h.sync();
    await h.sync();
    expect(h.github.issues).toEqual([]);
    expect(h.dashboard.requests).toEqual([]);
  });

  test("each installation the app has gets its own timer, whose rounds sync its repositories", async () => {
    h = await harness();
    h.show("nf-tables", "reported");
    const timed = new MirrorSchedule({ ...h.scheduleOptions, tickMs: 40 });
    await timed.discover();
    const triaged = () => h.github.issues.length === 1 && h.github.ownComments(1).length === 1;
    for (let waited = 0; !triaged() && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    timed.stop();
    expect(h.github.issues.map((i) => i.title)).toEqual(["[syzkaller] general protection fault in nf_tables_dump_tables"]);
  });

  test("a round within the interval does not sync again", async () => {
    h = await harness();
    h.show("nf-tables", "reported");
    await h.schedule.round(INSTALLATION);
    const asked = h.dashboard.requests.length;
    await h.schedule.round(INSTALLATION);
    expect(h.dashboard.requests).toHaveLength(asked);
  });
});

describe.skipIf(REDIS_MISSING !== null)("replicas on Redis", () => {
  let redis: RedisServer;
  beforeEach(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await h?.close();
    await redis.stop();
  });

  test("two replicas' rounds at the same time run one sync: one issue, the dashboard's list read once", async () => {
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const first = new RedisStore(redis.url, log);
    const second = new RedisStore(redis.url, log);
    h = await harness(MIRROR_CONFIG, first);
    const other = new MirrorSchedule({ ...h.scheduleOptions, store: second });
    h.show("nf-tables", "reported");
    await Promise.all([h.schedule.round(INSTALLATION), other.round(INSTALLATION)]);
    expect(h.github.issues).toHaveLength(1);
    expect(h.dashboard.requests.filter((r) => r.startsWith("/upstream"))).toHaveLength(1);
    await Promise.all([first.close(), second.close()]);
  });
});
