import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FIXTURES } from "../helpers/fixtures.js";

const seed = `${FIXTURES}logs/seed-2020-culprit.txt`;

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
    expect(stdout).toMatch(/^labels: subsystem: percpu\nmentions: @htejun\ncomment:\n<!-- syztriage -->\n/);
    expect(stdout).toContain("cc @htejun\n");
    expect(stdout).toContain("Not mentioned: `axboe@kernel.dk`, `hch@lst.de`, `ming.lei@redhat.com`, `vkabatov@redhat.com`");
  });

  test("with the kernel's MAINTAINERS the seed is labelled mm (not rdma for its 2-line fixup) and the crash points at fs/aio.c", async () => {
    const linux = `${FIXTURES}linux/`;
    const { code, stdout } = await runCli(["triage", "--json", seed, "--maintainers", `${linux}MAINTAINERS`, "--mailmap", `${linux}mailmap`]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { labels: string[]; comment: string; reports: { crash: { guiltyFile: string } }[] };
    expect(out.labels).toEqual(["subsystem: mm", "subsystem: aio"]);
    expect(out.reports[0]?.crash.guiltyFile).toBe("fs/aio.c");
    expect(out.comment).toContain("in `fs/aio.c` (subsystem **aio**)");
    expect(out.comment).toContain("| Culprit subsystems | mm (183 lines, MAINTAINERS), rdma (2 lines, MAINTAINERS) |");
  });

  test("mentions.maintainers adds the culprit's maintainers after the log's recipients", async () => {
    const linux = `${FIXTURES}linux/`;
    const config = configFile("mentions:\n  maintainers: true\n  users:\n    dennis@kernel.org: dennisszhou\n");
    const { stdout } = await runCli(["triage", seed, "--config", config, "--maintainers", `${linux}MAINTAINERS`, "--mailmap", `${linux}mailmap`]);
    expect(stdout).toContain("mentions: @dennisszhou\n");
    expect(stdout).toContain("Not mentioned: `axboe@kernel.dk`, `hch@lst.de`, `ming.lei@redhat.com`, `tj@kernel.org`, `vkabatov@redhat.com`, `cl@gentwo.org`, `akpm@linux-foundation.org`");
  });

  test("a crash report without a bisection mentions its guilty file's maintainers only with mentions.maintainers", async () => {
    const linux = `${FIXTURES}linux/`;
    const report = `${FIXTURES}constructed/email-bug-report-no-bisection.txt`;
    const args = ["triage", report, "--maintainers", `${linux}MAINTAINERS`, "--mailmap", `${linux}mailmap`];
    const users = "  users:\n    matttbe@kernel.org: matttbe\n";
    const quiet = await runCli([...args, "--config", configFile(`mentions:\n${users}`)]);
    expect(quiet.stdout).toMatch(/^labels: subsystem: mptcp\nmentions: \(none\)\n/);
    const loud = await runCli([...args, "--config", configFile(`mentions:\n  maintainers: true\n${users}`)]);
    expect(loud.stdout).toMatch(/^labels: subsystem: mptcp\nmentions: @matttbe\n/);
  });

  test("--mailmap without --maintainers is a usage error", async () => {
    const { code, stderr } = await runCli(["triage", seed, "--mailmap", "x"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--mailmap and --dirs go with --maintainers");
  });

  test("--json gives reports, labels, mentions and comment", async () => {
    const { code, stdout } = await runCli(["triage", "--json", seed]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { reports: unknown[]; labels: string[]; mentions: string[]; comment: string };
    expect(Object.keys(out)).toEqual(["reports", "labels", "mentions", "comment"]);
    expect(out.reports).toHaveLength(1);
    expect(out.labels).toEqual([]);
    expect(out.mentions).toEqual([]);
    expect(out.comment).toContain("bisected to `2b0d3d3e4fcf`");
  });

  test("an invalid config is a usage error that names the problem", async () => {
    const { code, stderr } = await runCli(["triage", seed, "--config", configFile("mentions:\n  max: -1\n")]);
    expect(code).toBe(2);
    expect(stderr).toContain("→ at mentions.max");
  });

  test("a text without a report: the app would do nothing", async () => {
    const { code, stdout } = await runCli(["triage", "-"], "hello");
    expect(code).toBe(0);
    expect(stdout).toBe("-: no bisection report found; the app would do nothing\n");
  });
});
