import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FIXTURES } from "../helpers/fixtures.js";

const seed = `${FIXTURES}logs/seed-2020-culprit.txt`;
const linux = `${FIXTURES}linux/`;

function configFile(yaml: string): string {
  const path = `${tmpdir()}/syztriage-${process.pid}-${Math.random().toString(36).slice(2)}.yml`;
  writeFileSync(path, yaml);
  return path;
}

describe("syztriage triage (dry run)", () => {
  test("prints the labels, the mentions from the users map and the exact comment", async () => {
    const config = configFile('subsystems:\n  rules:\n    percpu: ["lib/percpu*.c", "include/linux/percpu*.h"]\nmentions:\n  users:\n    tj@kernel.org: htejun\n');
    const { code, stdout } = await runCli(["triage", seed, "--config", config]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^dry run: GitHub taken to know none of the commits, people and other issues\nlabels: subsystem: percpu\nmentions: @htejun\ncomment:\n<!-- syztriage -->\n/);
    expect(stdout).toContain("**Who should look:** @htejun.\n");
  });

  test("with no configuration at all it labels Linux paths from the bundled MAINTAINERS", async () => {
    const { code, stdout } = await runCli(["triage", seed]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^dry run: .*\nlabels: subsystem: mm\n/);
  });

  test("with a MAINTAINERS file the seed is labelled mm (not rdma for its 2-line fixup)", async () => {
    const { code, stdout } = await runCli(["triage", "--json", seed, "--maintainers", `${linux}MAINTAINERS`, "--mailmap", `${linux}mailmap`]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { labels: string[]; comment: string; reports: { crash: { guiltyFile: string } }[] };
    expect(out.labels).toEqual(["subsystem: mm"]);
    expect(out.reports[0]?.crash.guiltyFile).toBe("fs/aio.c");
    expect(out.comment).toContain("- **Culprit's subsystems:** mm (183 lines), rdma (2 lines)");
  });

  test("mentions.maintainers asks the maintainers of the culprit's sections after its author", async () => {
    const config = configFile("mentions:\n  maintainers: true\n  users:\n    dennis@kernel.org: dennisszhou\n");
    const { stdout } = await runCli(["triage", seed, "--config", config, "--maintainers", `${linux}MAINTAINERS`, "--mailmap", `${linux}mailmap`]);
    expect(stdout).toContain("mentions: @dennisszhou\n");
    expect(stdout).toContain("**Who should look:** @dennisszhou (MAINTAINERS).");
  });

  test("a crash report without a bisection mentions its guilty file's maintainers only with mentions.maintainers", async () => {
    const report = `${FIXTURES}constructed/email-bug-report-no-bisection.txt`;
    const args = ["triage", report, "--maintainers", `${linux}MAINTAINERS`, "--mailmap", `${linux}mailmap`];
    const users = "  users:\n    matttbe@kernel.org: matttbe\n";
    const quiet = await runCli([...args, "--config", configFile(`mentions:\n${users}`)]);
    expect(quiet.stdout).toMatch(/^dry run: .*\nlabels: subsystem: mptcp\nmentions: \(none\)\n/);
    const loud = await runCli([...args, "--config", configFile(`mentions:\n  maintainers: true\n${users}`)]);
    expect(loud.stdout).toMatch(/^dry run: .*\nlabels: subsystem: mptcp\nmentions: @matttbe\n/);
  });

  test("--repo, --issue and --author write the links and the source as the app would", async () => {
    const { stdout } = await runCli(["triage", seed, "--repo", "octo/linux", "--issue", "7", "--author", "alice"]);
    expect(stdout).toContain("- **Read from:** [the issue by alice](https://github.com/octo/linux/issues/7)");
  });

  test("--json gives reports, labels, mentions and comment", async () => {
    const { code, stdout } = await runCli(["triage", "--json", seed]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { reports: unknown[]; labels: string[]; mentions: string[]; comment: string };
    expect(Object.keys(out)).toEqual(["reports", "fetched", "unread", "skipped", "labels", "mentions", "comment"]);
    expect(out.reports).toHaveLength(1);
    expect(out.labels).toEqual(["subsystem: mm"]);
    expect(out.mentions).toEqual([]);
    expect(out.comment).toContain("**Likely culprit:** `2b0d3d3e4fcf`");
  });

  describe("a syzbot email is judged from the bisection log it links, as the app judges it", () => {
    // Built from syzbot's template around the seed log (test/fixtures/constructed/README.md).
    const email = `${FIXTURES}constructed/email-bisected-cause.txt`;
    const logUrl = "https://syzkaller.appspot.com/x/bisect.txt?x=12345c2b900000";
    type Out = { reports: { format: string }[]; fetched: { url: string; reports: { format: string; culprit: { sha: string } | null }[] }[]; unread: unknown[]; skipped: unknown[]; comment: string };
    beforeEach(() => nock.disableNetConnect());
    afterEach(() => {
      nock.cleanAll();
      nock.enableNetConnect();
    });

    test("--json holds the reports read from the fetched log beside the email's own", async () => {
      const dashboard = nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query({ x: "12345c2b900000" }).replyWithFile(200, seed);
      const { code, stdout } = await runCli(["triage", "--json", email]);
      expect(code).toBe(0);
      expect(dashboard.isDone()).toBe(true);
      const out = JSON.parse(stdout) as Out;
      expect(out.reports.map((r) => r.format)).toEqual(["syzbot-email"]);
      expect(out.fetched.map((f) => ({ url: f.url, reports: f.reports.map((r) => [r.format, r.culprit?.sha]) }))).toEqual([
        { url: logUrl, reports: [["bisection-log", "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e"]] },
      ]);
      expect([out.unread, out.skipped]).toEqual([[], []]);
      expect(out.comment).toContain("**Likely culprit:** `2b0d3d3e4fcf`");
    });

    test("offline, --json says so with the links it would fetch, and fetches nothing", async () => {
      const { code, stdout } = await runCli(["triage", "--json", "--offline", email]);
      expect(code).toBe(0);
      const out = JSON.parse(stdout) as Out;
      expect(out.fetched).toEqual([]);
      expect(out.skipped).toEqual([{ url: logUrl, reason: "the dry run is offline" }]);
      expect(out.comment).toContain("**Culprit, not checked:** `2b0d3d3e4fcf`");
    });

    test("a log that cannot be read is listed with the reason", async () => {
      nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query(true).reply(404);
      const out = JSON.parse((await runCli(["triage", "--json", email])).stdout) as Out;
      expect([out.fetched, out.unread]).toEqual([[], [{ url: logUrl, error: "HTTP 404" }]]);
    });
  });

  test("an invalid config gives the comment the app would post about it", async () => {
    const { code, stdout } = await runCli(["triage", seed, "--config", configFile("mentions:\n  max: -1\n")]);
    expect(code).toBe(0);
    expect(stdout).toContain("**Configuration error:**");
    expect(stdout).toContain("→ at mentions.max");
  });

  test("a text without a report: the app would do nothing", async () => {
    const { code, stdout } = await runCli(["triage", "-"], "hello");
    expect(code).toBe(0);
    expect(stdout).toBe("-: no report found; the app would do nothing\n");
  });

  test("usage mistakes exit 2 with one prefix and the command's help", async () => {
    const mailmap = await runCli(["triage", seed, "--mailmap", "x"]);
    expect(mailmap.code).toBe(2);
    expect(mailmap.stderr).toMatch(/^syztriage: triage: --mailmap and --dirs go with --maintainers\n\nusage: syztriage triage FILE/);
    const unknown = await runCli(["triage", seed, "--frob"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^syztriage: triage: Unknown option '--frob'/);
  });
});

describe("syztriage --help and --version", () => {
  test("no command at all: the usage on standard error, exit 2", async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^usage: syztriage <command> \[options\]/);
    expect(stderr).toContain("triage FILE [--config F]");
  });

  test("the tool's help lists every command with its options, the triage command's MAINTAINERS flags included", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("triage FILE [--config F] [--maintainers F [--mailmap F] [--dirs F]]");
    expect(stdout).toContain("maintainers --file F");
    expect(stdout).toContain("parse [--json] FILE...");
  });

  test("each command has its own --help, exit 0", async () => {
    for (const name of ["parse", "triage", "maintainers"]) {
      const { code, stdout } = await runCli([name, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^usage: syztriage ${name} `));
    }
  });

  test("--version prints the package's version", async () => {
    const { code, stdout } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^syztriage \d+\.\d+\.\d+\n$/);
  });
});
