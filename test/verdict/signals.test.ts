// The signals' edges, on real logs with one line changed each: what counts as the bug's crash,
// what a verdict is, syzbot's confidence limit, fix bisections, and nearness to the crash.
import { describe, expect, test } from "vitest";
import { assessReliability } from "../../src/analyse/verdict/index.js";
import { extractSignals, isInfraTitle } from "../../src/analyse/verdict/signals.js";
import { parseText, type Report } from "../../src/parse/index.js";
import { fixtureText } from "../helpers/fixtures.js";

function reportOf(text: string): Report {
  const [report, ...rest] = parseText(text).reports;
  if (!report || rest.length > 0) throw new Error("expected exactly one report");
  return report;
}

/** The fixture with `from` replaced once; the replacement must happen. */
function edited(path: string, from: string, to: string): string {
  const text = fixtureText(path);
  if (!text.includes(from)) throw new Error(`${path} has no ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

const ORIGINAL_RUNS = "all runs: crashed: WARNING: refcount bug in smc_release\n";

describe("other-crash: commits counted as crashing with none of the bug's crashes", () => {
  test("the fixture: 10 commits crashed only in smc_unhash_sk", () => {
    expect(extractSignals(reportOf(fixtureText("verdict/other-crash.txt")))["other-crash"]).toEqual({
      commits: 10,
      tested: 19,
      titles: ["WARNING in smc_unhash_sk"],
    });
  });

  test("a title the reproducer also produced on the original commit is the bug's", () => {
    const text = edited("verdict/other-crash.txt", ORIGINAL_RUNS, "run #0: crashed: WARNING: refcount bug in smc_release\nrun #1: crashed: WARNING in smc_unhash_sk\n");
    expect(extractSignals(reportOf(text))["other-crash"]).toBeNull();
    expect(assessReliability(reportOf(text))).toEqual({ reliable: true, score: 1, reasons: [], support: [], signals: [] });
  });

  test("the machinery's failures on the original commit are not the bug's", () => {
    const text = edited(
      "verdict/other-crash-infra-title.txt",
      "all runs: crashed: WARNING in compat_copy_entries\n",
      "run #0: crashed: WARNING in compat_copy_entries\nrun #1: crashed: no output from test machine\n",
    );
    expect(extractSignals(reportOf(text))["other-crash"]).toEqual({ commits: 9, tested: 29, titles: ["no output from test machine"] });
  });

  test("a commit git marked good did not lead the bisection, whatever crashed on it", () => {
    const text = edited("verdict/other-crash.txt", "# git bisect bad a2d635decbfa9c1e4ae15cb05b68b2559f7f827c", "# git bisect good a2d635decbfa9c1e4ae15cb05b68b2559f7f827c");
    expect(extractSignals(reportOf(text))["other-crash"]?.commits).toBe(9);
  });
});

describe("isInfraTitle", () => {
  test.each([
    ["no output from test machine", true],
    ["lost connection to test machine", true],
    ["timed out", true],
    ["SYZFAIL: wrong response packet", true],
    ["SYZFATAL: executor failed NUM times: executor NUM: exit status NUM", true],
    ["INFO: task hung in nfnetlink_rcv_msg", false],
    ["WARNING in kvm_wait", false],
  ])("%s: %s", (title, infra) => {
    expect(isInfraTitle(title)).toBe(infra);
  });
});

describe("syzbot's confidence limit", () => {
  const log = "constructed/2025-cause-culprit-head-format.txt";
  const probability = "accumulated error probability: 0.05";

  test("above 0.34 the culprit is unreliable", () => {
    const verdict = assessReliability(reportOf(edited(log, probability, "accumulated error probability: 0.35")));
    expect(verdict.reliable).toBe(false);
    expect(verdict.score).toBe(0);
    expect(verdict.reasons[0]).toBe("syzbot estimates a 35% chance that the bisection went wrong (it withholds culprits above 34%)");
  });

  test("0.34 itself is within the limit", () => {
    const report = reportOf(edited(log, probability, "accumulated error probability: 0.34"));
    expect(extractSignals(report)["low-confidence"]).toBeNull();
    expect(assessReliability(report)).toEqual(assessReliability(reportOf(fixtureText(log))));
  });
});

describe("fix bisections", () => {
  const log = "constructed/2023-fix-culprit.txt";

  test("a crashing commit is the good one, so another crash there counts", () => {
    const text = edited(
      log,
      "all runs: crashed: KASAN: slab-use-after-free Read in hci_conn_hash_flush\nrepresentative crash: KASAN: slab-use-after-free Read in hci_conn_hash_flush, types: [KASAN-USE-AFTER-FREE-READ]\n# git bisect good",
      "all runs: crashed: WARNING in hci_send_acl\n# git bisect good",
    );
    expect(extractSignals(reportOf(text))["other-crash"]).toEqual({ commits: 1, tested: 4, titles: ["WARNING in hci_send_acl"] });
  });

  test("the reasons speak of the fixing commit", () => {
    const text = edited(
      log,
      "parent  signature: 0011223344556677889900aabbccddeeff00112233445566778899aabbccdde1",
      "parent  signature: 77f1e2d3c4b5a6978899aabbccddeeff00112233445566778899aabbccddeeff",
    );
    expect(assessReliability(reportOf(text))).toEqual({
      reliable: false,
      score: 0,
      reasons: [
        "the fixing commit and its parent build the same kernel binary (both have kernel signature 77f1e2d3c4b5): the commit cannot have changed its behaviour",
      ],
      support: [],
      signals: ["noop"],
    });
  });
});

describe("far-from-crash", () => {
  test("a raw diff entry is near when the crash's stack is inside that directory", () => {
    const far = reportOf(fixtureText("verdict/far-from-crash.txt"));
    expect(extractSignals(far)["far-from-crash"]).toEqual({
      culpritDirs: ["net/"],
      crashFile: "kernel/rcu/tree.c",
      crashFrame: "rcu_dynticks_curr_cpu_in_eqs",
    });
    const near = edited("verdict/far-from-crash.txt", "M\tnet\n", "M\tkernel\n");
    expect(extractSignals(reportOf(near))["far-from-crash"]).toBeNull();
  });

  test("no claim without a crash report", () => {
    const text = fixtureText("verdict/far-from-crash.txt");
    const report = reportOf(text.slice(0, text.indexOf("\ncrash: ") + 1));
    expect(report.crash).toBeNull();
    expect(extractSignals(report)["far-from-crash"]).toBeNull();
  });
});
