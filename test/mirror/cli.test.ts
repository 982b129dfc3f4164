import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { mirroredBody } from "../../src/mirror/body.js";
import { factsOf } from "../../src/mirror/facts.js";
import { OWNER, REPO } from "../helpers/probot.js";
import { fixturePage, showBug } from "./bugs.js";
import { FakeDashboard, SYZBOT } from "./fake-dashboard.js";
import { FakeGitHub } from "./fake-github.js";
import { useLoopbackOnly } from "./harness.js";

/** `syztriage mirror --dry-run`: the loopback dashboard for the bugs, nock for the repository's issues. */
const dir = mkdtempSync(join(tmpdir(), "syztriage-mirror-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, "syztriage.yml");
writeFileSync(config, "mirror:\n  maxOpen: 1\n");

let fake: FakeDashboard;
let github: FakeGitHub;
useLoopbackOnly();
beforeEach(async () => {
  fake = await FakeDashboard.start();
  showBug(fake, "nf-tables", "bisected");
  showBug(fake, "mptcp", "reported");
  github = new FakeGitHub("");
  github.install();
});
afterEach(async () => fake.stop());

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(["mirror", ...argv], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), read: (p) => readFile(p, "utf8"), fetch: fake.fetch });
  return { code, stdout, stderr };
}

test("without a repository: what it would open, and what waits for the cap", async () => {
  expect(await run("--dry-run", "--config", config)).toEqual({
    code: 0,
    stdout:
      "would open: [syzkaller] general protection fault in nf_tables_dump_tables (bug 000713bab9db): open on the dashboard, no issue yet\n" +
      "would wait: up to 1 more open bugs, for later runs (mirror.maxOpen is 1)\n",
    stderr: "",
  });
});

test("with the repository's issues: what it would update, writing nothing", async () => {
  const facts = factsOf(fixturePage("nf-tables", "reported"), "/bug?extid=0e3358e5ebb1956c271d", null);
  github.issues.push({ number: 7, title: "[syzkaller] general protection fault in nf_tables_dump_tables", body: mirroredBody(facts, { report: "BUG: x\n", bisection: null }, SYZBOT), state: "open", state_reason: null, user: { login: "syztriage[bot]", type: "Bot" }, labels: [], comments: [] });
  const result = await run("--dry-run", "--config", config, "--repo", `${OWNER}/${REPO}`);
  expect(result).toEqual({
    code: 0,
    stdout: "would open: [syzkaller] WARNING in mptcp_pm_nl_set_flags (2) (bug 6b0ab7ef9f5e): open on the dashboard, no issue yet\nwould update #7: syzbot bisected it to 6001a930ce03 netfilter: nftables: introduce table ownership\n",
    stderr: "",
  });
  expect(github.writes).toEqual([]);
  // The bug pages only: a dry run fetches no text.
  expect(fake.requests.filter((r) => !r.includes("json=1"))).toEqual([]);
  const json = JSON.parse((await run("--dry-run", "--config", config, "--repo", `${OWNER}/${REPO}`, "--json")).stdout) as { open: unknown[]; update: { issue: number }[] };
  expect([json.open.length, json.update.map((u) => u.issue)]).toEqual([1, [7]]);
});

test("no --dry-run, a bad config, a dashboard that fails: said, exit status 2", async () => {
  const plain = await run("--config", config);
  expect(plain.code).toBe(2);
  expect(plain.stderr).toContain("the CLI only plans: give --dry-run");
  const bad = join(dir, "bad.yml");
  writeFileSync(bad, "mirror:\n  intervalMinutes: 5\n");
  const invalid = await run("--dry-run", "--config", bad);
  expect(invalid.code).toBe(2);
  expect(invalid.stderr).toContain("mirror.intervalMinutes");
  fake.fail(/^\/upstream/, 500);
  expect(await run("--dry-run")).toEqual({ code: 2, stdout: "", stderr: "syztriage: mirror: could not read the dashboard: HTTP 500\n" });
});
