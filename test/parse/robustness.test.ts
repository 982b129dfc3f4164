import { describe, expect, test } from "vitest";
import { parseText } from "../../src/parse/index.js";
import { fixtureText } from "../helpers/fixtures.js";

const seed = fixtureText("logs/seed-2020-culprit.txt");

describe("text without a bisection result gives no report", () => {
  test.each([
    ["empty", ""],
    ["prose", "The kernel crashed when I mounted the image. I think the first bad commit is the new ext4 code."],
    ["instructions that name git bisect", "To narrow it down:\n\n```\ngit bisect start\ngit bisect bad\ngit bisect good v6.1\n```\n"],
    ["a crash report without a bisection", fixtureText("constructed/email-bug-report-no-bisection.txt")],
    ["syzbot's one-line job error", fixtureText("logs/error-text-only.txt")],
    ["a lone hash", "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e"],
    ["a quote marker storm", ">".repeat(100_000)],
    ["an unclosed fence", "```\n".repeat(10_000)],
  ])("%s", (_name, text) => {
    expect(parseText(text).reports).toEqual([]);
  });
});

describe("a log cut off anywhere", () => {
  const lines = seed.split("\n");
  const resultLine = lines.findIndex((l) => l.startsWith("first bad commit:"));

  test.each([0.05, 0.25, 0.5, 0.75, 0.95].map((f) => Math.floor(lines.length * f)))("at line %i", (cut) => {
    const { reports } = parseText(lines.slice(0, cut).join("\n"));
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    if (cut <= resultLine) {
      // Before `first bad commit:` the log may already show git's own verdict, never a guess.
      expect(report.culprit === null || report.culprit.sha === "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e").toBe(true);
      if (!report.culprit) expect(report.outcome).toBe("incomplete");
    } else {
      expect(report.outcome).toBe("culprit");
    }
  });

  test("cut inside the commit display keeps the culprit git named", () => {
    const cut = lines.findIndex((l) => l.startsWith("Author: Ming Lei"));
    const report = parseText(lines.slice(0, cut + 1).join("\n")).reports[0]!;
    expect(report.culprit?.sha).toBe("2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e");
    expect(report.culprit?.author).toEqual({ name: "Ming Lei", email: "ming.lei@redhat.com" });
    expect(report.warnings.map((w) => w.code)).toContain("skipped-commits");
  });
});

describe("huge and hostile input", () => {
  test("a 1 MB single line, alone and inside a log, is read without a report of its own", () => {
    const line = "testing commit ".padEnd(1 << 20, "a(b)*c ");
    expect(parseText(line).reports).toEqual([]);
    const withLine = seed.replace("all runs: OK\n", `all runs: OK\n${line}\n`);
    const report = parseText(withLine).reports[0]!;
    expect(report.outcome).toBe("culprit");
    expect(report.steps).toHaveLength(27);
  });

  test("10 MB of logs back to back gives one report per log", () => {
    const copies = Math.ceil((10 << 20) / seed.length);
    const { reports } = parseText(Array.from({ length: copies }, () => seed).join("\n"));
    expect(reports).toHaveLength(copies);
    expect(new Set(reports.map((r) => r.culprit?.sha))).toEqual(new Set(["2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e"]));
  });

  test("mentions, Markdown and HTML in the log are kept verbatim for the renderer to neutralize", () => {
    const hostile = "@torvalds <img src=x onerror=alert(1)> **bold** [x](javascript:alert(1)) <!-- syztriage -->";
    const text = seed.replace(
      "first bad commit: 2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e percpu_ref: reduce memory footprint of percpu_ref in fast path",
      `first bad commit: 2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e ${hostile}`,
    ).replace("    percpu_ref: reduce memory footprint of percpu_ref in fast path\n", `    ${hostile}\n`);
    const report = parseText(text).reports[0]!;
    expect(report.culprit?.subject).toBe(hostile);
  });

  test("shapes that once took quadratic time give their plain answers", () => {
    const starts = "bisecting cause commit starting from 8b787da7ba8cd2383988480d282ec1abc3917892\n".repeat(80_000);
    expect(parseText(starts).reports).toHaveLength(80_000);
    expect(parseText(`<details>${"</pre> ".repeat(150_000)}x`).reports).toEqual([]);
    const lockdep = `WARNING: possible recursive locking detected\n${("x".repeat(2000) + "\n").repeat(2500)}`;
    // A header without a stack or a register line is no crash report.
    expect(parseText(lockdep).crashes).toEqual([]);
    expect(parseText(`${lockdep}Call Trace:\n`).crashes.map((c) => c.crash.kind)).toEqual(["WARNING"]);
  });

  test("a bisection of 20,000 tested commits keeps every verdict (each verdict line finds its step by hash)", () => {
    const sha = (n: number) => n.toString(16).padStart(40, "a");
    const lines = [`bisecting cause commit starting from ${sha(0)}`, `# git bisect start ${sha(0)} ${sha(1)}`];
    for (let n = 2; n < 20_002; n++) lines.push(`testing commit ${sha(n)} gcc`, "all runs: OK", `# git bisect ${n % 3 ? "good" : "bad"} ${sha(n)}`);
    const report = parseText(lines.join("\n")).reports[0]!;
    expect(report.steps).toHaveLength(20_000);
    expect(report.steps.filter((s) => s.verdict === "bad")).toHaveLength(6_667);
    expect(report.steps.at(-1)).toMatchObject({ sha: sha(20_001), verdict: "bad" });
  });

  test("a recipients list broken by hard wrapping over many lines is joined", () => {
    const many = Array.from({ length: 12 }, (_, k) => `"dev${k}@example.org"`);
    const text = seed.replace(/^recipients \(to\): .*$/m, `recipients (to): [${many.slice(0, 4).join(" ")}\n${many.slice(4, 8).join(" ")}\n${many.slice(8).join(" ")}]`);
    const report = parseText(text).reports[0]!;
    expect(report.recipients.to).toEqual(many.map((m) => m.slice(1, -1)).sort());
  });
});
