import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, afterEach, beforeEach, expect, test } from "vitest";
import { ACTIONS_APP } from "../../src/action/actions-identity.js";
import { runAction } from "../../src/action/run-action.js";
import { OWNER, REPO } from "../helpers/probot.js";
import { showBug } from "./bugs.js";
import { FakeDashboard } from "./fake-dashboard.js";
import { FakeGitHub } from "./fake-github.js";
import { MIRROR_CONFIG, useLoopbackOnly } from "./harness.js";

/** The Action on a schedule: one sync of the workflow's repository with its token, as github-actions[bot]. */
const dir = mkdtempSync(join(tmpdir(), "syztriage-mirror-action-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const eventPath = join(dir, "schedule.json");
// What the runner writes for a scheduled run.
writeFileSync(eventPath, JSON.stringify({ schedule: "17 * * * *" }));

let fake: FakeDashboard;
let github: FakeGitHub;
useLoopbackOnly();
beforeEach(async () => {
  fake = await FakeDashboard.start();
  showBug(fake, "nf-tables", "reported");
  github = new FakeGitHub(MIRROR_CONFIG, { login: `${ACTIONS_APP.slug}[bot]`, id: ACTIONS_APP.id });
  github.install();
});
afterEach(async () => fake.stop());

async function run(env: Record<string, string> = {}) {
  let stdout = "";
  const code = await runAction(
    { GITHUB_EVENT_NAME: "schedule", GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: `${OWNER}/${REPO}`, INPUT_TOKEN: "ghs_workflow_token", ...env },
    { log: pino({ level: "silent" }), stdout: (text) => void (stdout += text), fetch: fake.fetch },
  );
  return { code, stdout };
}

test("a scheduled run opens the bug's issue as github-actions[bot], triages it, and says what it did", async () => {
  expect(await run()).toEqual({
    code: 0,
    stdout: "open: [syzkaller] general protection fault in nf_tables_dump_tables (bug 000713bab9db): open on the dashboard, no issue yet\ndone: open #1\n",
  });
  expect(github.issue(1).user.login).toBe("github-actions[bot]");
  expect(github.issue(1).labels).toEqual(["subsystem: netfilter"]);
  expect(github.ownComments(1)).toHaveLength(1);
  expect(await run()).toEqual({ code: 0, stdout: "nothing to do: the issues are in step with the dashboard\n" });
});

test("the dry-run input prints the plan and writes nothing", async () => {
  expect(await run({ INPUT_DRY_RUN: "true" })).toEqual({
    code: 0,
    stdout: "would open: [syzkaller] general protection fault in nf_tables_dump_tables (bug 000713bab9db): open on the dashboard, no issue yet\n",
  });
  expect(github.writes).toEqual([]);
});

test("without mirror.enabled it does nothing; a dashboard that fails fails the step, writing nothing", async () => {
  github.config = "labels:\n  extra: [syzbot]\n";
  expect(await run()).toEqual({ code: 0, stdout: "syztriage: mirror.enabled is not set in .github/syztriage.yml: nothing to mirror\n" });
  github.config = MIRROR_CONFIG;
  fake.fail(/^\/upstream/, "garbage");
  const failed = await run();
  expect(failed.code).toBe(1);
  expect(failed.stdout).toBe("nothing done: could not read the dashboard: not JSON\n::error::syztriage could not read the dashboard: not JSON\n");
  expect(github.writes).toEqual([]);
  expect((await run({ GITHUB_REPOSITORY: "" })).stdout).toMatch(/^::error::syztriage/);
});
