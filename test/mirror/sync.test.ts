import { expect, test } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { mirroredBody } from "../../src/mirror/body.js";
import { configuredDashboard } from "../../src/mirror/dashboard.js";
import { factsOf } from "../../src/mirror/facts.js";
import type { MirrorIssues } from "../../src/mirror/github.js";
import type { MirroredIssue } from "../../src/mirror/plan.js";
import { syncMirror } from "../../src/mirror/sync.js";
import { fixturePage, showBug } from "./bugs.js";
import { FakeDashboard, SYZBOT } from "./fake-dashboard.js";

/** One sync's writes with the repository in memory (no GitHub), the loopback dashboard for the bugs. */
const CONFIG = { ...DEFAULT_CONFIG, mirror: { ...DEFAULT_CONFIG.mirror, enabled: true } };
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function repository(issues: MirroredIssue[], now: (issue: MirroredIssue) => string = (i) => i.body) {
  const written: string[] = [];
  const repo: MirrorIssues = {
    list: async () => issues.map((i) => ({ ...i })),
    body: async (n) => now(issues.find((i) => i.number === n) as MirroredIssue),
    open: async (title) => (written.push(`open ${title}`), 100 + written.length),
    setBody: async (n) => void written.push(`body #${n}`),
    close: async (n) => void written.push(`close #${n}`),
  };
  return { repo, written };
}

async function withDashboard<T>(run: (fake: FakeDashboard) => Promise<T>): Promise<T> {
  const fake = await FakeDashboard.start();
  try {
    return await run(fake);
  } finally {
    await fake.stop();
  }
}

const reportedIssue = (): MirroredIssue => ({
  number: 1,
  open: true,
  body: mirroredBody(factsOf(fixturePage("nf-tables", "reported"), "/bug?extid=0e3358e5ebb1956c271d", null), { report: "BUG: x\n", bisection: null }, SYZBOT),
});

test("a body a person edits between the listing and the write is left for the next run", async () => {
  await withDashboard(async (fake) => {
    showBug(fake, "nf-tables", "bisected");
    const issue = reportedIssue();
    const { repo, written } = repository([issue], (i) => `${i.body}\nedited meanwhile\n`);
    const result = await syncMirror({ issues: repo, dashboard: configuredDashboard(CONFIG, { fetch: fake.fetch, spacingMs: 0 }), triage: async () => undefined, log: quiet }, CONFIG, { dryRun: false });
    expect(result.ok && result.plan.update.map((u) => u.issue)).toEqual([1]);
    expect(written).toEqual([]);
    expect(result.ok && result.written).toEqual([]);
  });
});

test("an issue opened counts as written when its triage fails; the failure is reported", async () => {
  await withDashboard(async (fake) => {
    showBug(fake, "nf-tables", "reported");
    const { repo, written } = repository([]);
    const triage = async () => {
      throw new Error("GitHub is down");
    };
    const result = await syncMirror({ issues: repo, dashboard: configuredDashboard(CONFIG, { fetch: fake.fetch, spacingMs: 0 }), triage, log: quiet }, CONFIG, { dryRun: false });
    expect(written).toEqual(["open [syzkaller] general protection fault in nf_tables_dump_tables"]);
    expect(result.ok && [result.written, result.failed]).toEqual([
      [{ action: "open", issue: 101, bug: "000713bab9dbbd78de82aebd7a7bd4ba597a60c4" }],
      [{ action: "triage", issue: 101, bug: "000713bab9dbbd78de82aebd7a7bd4ba597a60c4", error: "GitHub is down" }],
    ]);
  });
});

test("a text the dashboard does not give leaves its issue unwritten, the reason reported", async () => {
  await withDashboard(async (fake) => {
    showBug(fake, "nf-tables", "reported");
    fake.fail(/^\/x\/report\.txt/, 503);
    const { repo, written } = repository([]);
    const result = await syncMirror({ issues: repo, dashboard: configuredDashboard(CONFIG, { fetch: fake.fetch, spacingMs: 0 }), triage: async () => undefined, log: quiet }, CONFIG, { dryRun: false });
    expect(written).toEqual([]);
    expect(result.ok && result.failed).toEqual([{ action: "open", issue: null, bug: "000713bab9dbbd78de82aebd7a7bd4ba597a60c4", error: "the crash report: HTTP 503" }]);
  });
});

test("a stop (shutdown, a lost lock) ends the sync before its next request or write", async () => {
  await withDashboard(async (fake) => {
    showBug(fake, "nf-tables", "reported");
    const stop = new AbortController();
    stop.abort(new Error("the app is shutting down"));
    const { repo, written } = repository([reportedIssue()]);
    const sync = syncMirror({ issues: repo, dashboard: configuredDashboard(CONFIG, { fetch: fake.fetch, spacingMs: 0 }), triage: async () => undefined, log: quiet }, CONFIG, { dryRun: false, signal: stop.signal });
    await expect(sync).rejects.toThrow("the app is shutting down");
    expect(written).toEqual([]);
    expect(fake.requests).toEqual([]);
  });
});
