import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FIXTURES, fixtureText } from "../helpers/fixtures.js";

const seed = `${FIXTURES}logs/seed-2020-culprit.txt`;
const error = `${FIXTURES}logs/error-not-reproduced.txt`;

describe("syztriage parse", () => {
  test("--json prints one object per input file per line", async () => {
    const { code, stdout } = await runCli(["parse", "--json", seed, error, `${FIXTURES}logs/error-text-only.txt`]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { source: string; reports: { outcome: string; culprit: { sha: string } | null }[] });
    expect(lines.map((l) => [l.source, l.reports.map((r) => r.outcome)])).toEqual([
      [seed, ["culprit"]],
      [error, ["error"]],
      [`${FIXTURES}logs/error-text-only.txt`, []],
    ]);
    expect(lines[0]?.reports[0]?.culprit?.sha).toBe("2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e");
  });

  test("reads standard input for -", async () => {
    const { code, stdout } = await runCli(["parse", "-"], fixtureText("constructed/email-inconclusive.txt"));
    expect(code).toBe(0);
    expect(stdout).toContain("-: 1 report");
    expect(stdout).toContain("syzbot-email, cause bisection: candidates");
    expect(stdout).toContain("candidate: 38ec7c6b6bd6 virt_wifi: fix deadlock on RTNL");
  });

  test("the human summary names the culprit, crash, recipients and warnings", async () => {
    const { stdout } = await runCli(["parse", seed]);
    expect(stdout).toContain("culprit: 2b0d3d3e4fcf percpu_ref: reduce memory footprint of percpu_ref in fast path by Ming Lei <ming.lei@redhat.com>");
    expect(stdout).toContain("crash: BUG: unable to handle kernel NULL pointer dereference in __percpu_ref_exit");
    expect(stdout).toContain("recipients: to axboe@kernel.dk, hch@lst.de, ming.lei@redhat.com, tj@kernel.org, vkabatov@redhat.com; cc none");
    expect(stdout).toContain("warning: 1 commit could not be tested and was skipped.");
  });

  test("text without a log is read fine: exit 0", async () => {
    const { code, stdout } = await runCli(["parse", "-"], "just prose");
    expect(code).toBe(0);
    expect(stdout).toBe("-: no bisection report found\n");
  });

  test.each([
    [["parse"], "syztriage: parse: give at least one FILE"],
    [["parse", "--yaml", seed], "Unknown option '--yaml'"],
    [["parse", "/no/such/file"], "cannot read /no/such/file"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [[], "usage: syztriage <command>"],
  ])("%j is a usage or I/O error: exit 2", async (argv, message) => {
    const { code, stdout, stderr } = await runCli(argv);
    expect(code).toBe(2);
    expect(stderr + stdout).toContain(message);
  });

  test("a file that cannot be read does not stop the others", async () => {
    const { code, stdout, stderr } = await runCli(["parse", "--json", "/no/such/file", seed]);
    expect(code).toBe(2);
    expect(stderr).toContain("cannot read /no/such/file");
    expect(JSON.parse(stdout).source).toBe(seed);
  });
});
