import { afterAll, beforeAll, expect, test } from "vitest";
import { DashboardBug } from "../../src/mirror/dashboard-api.js";
import { dashboard, type DashboardOptions } from "../../src/mirror/dashboard.js";
import { fixtureBug, fixtureTexts } from "./bugs.js";
import { FakeDashboard, SYZBOT } from "./fake-dashboard.js";

/** The dashboard read under the fetch rules, against the loopback fake. */
let fake: FakeDashboard;
beforeAll(async () => {
  fake = await FakeDashboard.start();
  fake.bugs.push(fixtureBug("nf-tables", "bisected"), fixtureBug("mptcp", "reported"));
  for (const [x, text] of fixtureTexts("nf-tables")) fake.texts.set(x, text);
});
afterAll(async () => fake.stop());

function reader(options: Partial<DashboardOptions> = {}) {
  return dashboard({ base: SYZBOT, hosts: ["syzkaller.appspot.com"], maxBytes: 5 << 20, timeoutMs: 5000, spacingMs: 0, fetch: fake.fetch, ...options });
}

test("the open list (one request per subsystem, merged in order), a bug, its bisection log's link, a text", async () => {
  const d = reader();
  expect(await d.openBugs("upstream", { subsystems: [], withRepro: false })).toEqual({
    ok: true,
    value: [
      { title: "general protection fault in nf_tables_dump_tables", link: "/bug?extid=0e3358e5ebb1956c271d" },
      { title: "WARNING in mptcp_pm_nl_set_flags (2)", link: "/bug?extid=cd16e79c1e45f3fe0377" },
    ],
  });
  expect(await d.openBugs("upstream", { subsystems: ["net", "mptcp"], withRepro: false })).toEqual({ ok: true, value: [{ title: "WARNING in mptcp_pm_nl_set_flags (2)", link: "/bug?extid=cd16e79c1e45f3fe0377" }] });
  const bug = await d.bug("/bug?extid=0e3358e5ebb1956c271d");
  expect(bug.ok && bug.bug.id).toBe("000713bab9dbbd78de82aebd7a7bd4ba597a60c4");
  expect(await d.causeLog("/bug?id=000713bab9dbbd78de82aebd7a7bd4ba597a60c4")).toEqual({ ok: true, value: { tag: "Log", x: "1773834b300000" } });
  const log = await d.text({ tag: "Log", x: "1773834b300000" });
  expect(log.ok && log.value.startsWith("bisecting cause commit starting from 2fcd14d0f780")).toBe(true);
});

test("the fetch rules hold: https to an allowed host only", async () => {
  expect(await reader({ hosts: ["github.com"] }).bug("/bug?id=1")).toEqual({ ok: false, error: "host not allowed: syzkaller.appspot.com" });
  expect(await reader({ base: fake.origin }).bug("/bug?id=1")).toEqual({ ok: false, error: "not https" });
});

test("an answer that is not the API's JSON is an error with a reason, never a partial reading", async () => {
  expect(await reader({ maxBytes: 1024 }).bug("/bug?extid=0e3358e5ebb1956c271d")).toEqual({ ok: false, error: "longer than 1024 bytes" });
  expect(await reader().bug("/bug?extid=ffff")).toEqual({ ok: false, error: "HTTP 404" });
  fake.fail(/^\/bug\?extid=cd16/, "garbage");
  expect(await reader().bug("/bug?extid=cd16e79c1e45f3fe0377")).toEqual({ ok: false, error: "not JSON" });
  fake.heal();
  fake.fail(/^\/bug\?extid=cd16/, { body: '{"version": 1, "id": "nothex", "status": "x", "first-crash": "", "last-crash": ""}' });
  expect(await reader().bug("/bug?extid=cd16e79c1e45f3fe0377")).toEqual({ ok: false, error: expect.stringMatching(/^not the dashboard's JSON \(id: /) });
  fake.heal();
  const unreachable = dashboard({ base: SYZBOT, hosts: ["syzkaller.appspot.com"], maxBytes: 1024, timeoutMs: 5000, spacingMs: 0, fetch: () => Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) })) });
  expect(await unreachable.openBugs("upstream", { subsystems: [], withRepro: false })).toEqual({ ok: false, error: "network error (ECONNREFUSED)" });
});

test("requests are spaced as syzkaller's client spaces them", async () => {
  const d = reader({ spacingMs: 40 });
  const start = performance.now();
  for (let i = 0; i < 3; i++) await d.bug("/bug?extid=0e3358e5ebb1956c271d");
  expect(performance.now() - start).toBeGreaterThanOrEqual(80);
});

test("the bug JSON the fake serves is the schema's", async () => {
  const bug = await reader().bug("/bug?id=000713bab9dbbd78de82aebd7a7bd4ba597a60c4");
  expect(bug.ok && DashboardBug.safeParse(bug.bug).success).toBe(true);
});
