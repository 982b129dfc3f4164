import { describe, expect, test } from "vitest";
import { judge, RULE, SIGNAL_RULES, THRESHOLD } from "../../src/analyse/verdict/rule.js";
import type { SignalDetails, SignalId, Signals } from "../../src/analyse/verdict/signals.js";

const NONE: Signals = {
  merge: null,
  noop: null,
  release: null,
  "low-confidence": null,
  "no-kernel-code": null,
  "other-crash": null,
  "far-from-crash": null,
  "disagreeing-runs": null,
  flaky: null,
  "revert-check-failed": null,
  "verify-check-failed": null,
  stated: null,
  "report-only": null,
  "checks-passed": null,
};

const EVIDENCE: SignalDetails = {
  merge: { subject: "Merge branch 'x'" },
  noop: { signature: "ab".repeat(32) },
  release: { subject: "Linux 5.3" },
  "low-confidence": { errorProbability: 0.4 },
  "no-kernel-code": { paths: { outside: ["Documentation/a.rst"] }, arch: "x86" },
  "other-crash": { commits: 1, tested: 14, titles: ["WARNING in foo"] },
  "far-from-crash": { culpritDirs: ["drivers/gpu/"], crashFile: "fs/ext4/inode.c", crashFrame: "ext4_fill_super" },
  "disagreeing-runs": { commits: 2, tested: 14 },
  flaky: { reproChance: 0.4 },
  "revert-check-failed": {},
  "verify-check-failed": {},
  stated: { evidence: "prose" },
  "report-only": { format: "syzbot-email" },
  "checks-passed": {},
};

function signalsWith(...ids: SignalId[]): Signals {
  return Object.fromEntries(Object.entries(NONE).map(([id]) => [id, ids.includes(id as SignalId) ? EVIDENCE[id as SignalId] : null])) as Signals;
}

const DECISIVE: SignalId[] = ["merge", "noop", "release", "no-kernel-code", "low-confidence"];
const WEAK: SignalId[] = ["far-from-crash", "disagreeing-runs", "flaky"];

describe("judge", () => {
  test("nothing in the log: fully trusted", () => {
    expect(judge(NONE)).toEqual({ favouring: [], reliable: true, score: 1, fired: [] });
  });

  test.each(DECISIVE)("%s alone rules the culprit out", (id) => {
    expect(judge(signalsWith(id))).toEqual({ favouring: [], reliable: false, score: 0, fired: [id] });
  });

  test("one commit judged on another crash is enough", () => {
    expect(RULE.minOtherCrashCommits).toBe(1);
    expect(judge(signalsWith("other-crash"))).toEqual({ favouring: [], reliable: false, score: 0.4, fired: ["other-crash"] });
  });

  test("below the commit threshold another crash is not a signal at all", () => {
    expect(judge(signalsWith("other-crash"), { minOtherCrashCommits: 2 })).toEqual({ favouring: [], reliable: true, score: 1, fired: [] });
    const two = { ...NONE, "other-crash": { ...EVIDENCE["other-crash"], commits: 2 } };
    expect(judge(two, { minOtherCrashCommits: 2 })).toEqual({ favouring: [], reliable: false, score: 0.4, fired: ["other-crash"] });
  });

  test.each(WEAK)("%s alone lowers the score only", (id) => {
    expect(judge(signalsWith(id))).toEqual({ favouring: [], reliable: true, score: 0.8, fired: [id] });
  });

  test("all weak signals together stay just above the threshold", () => {
    expect(THRESHOLD).toBe(0.5);
    expect(judge(signalsWith(...WEAK))).toEqual({ favouring: [], reliable: true, score: 0.512, fired: WEAK });
  });

  test("a weak signal on top of another crash lowers the score further", () => {
    expect(judge(signalsWith("flaky", "other-crash"))).toEqual({ favouring: [], reliable: false, score: 0.32, fired: ["other-crash", "flaky"] });
  });

  test("everything at once: strongest first, score 0", () => {
    const all = SIGNAL_RULES.map((r) => r.id);
    const against = SIGNAL_RULES.filter((r) => r.weight > 0).map((r) => r.id);
    expect(judge(signalsWith(...[...all].reverse()))).toEqual({ favouring: ["checks-passed"], reliable: false, score: 0, fired: against });
  });

  test("the rule's table: decisive, then strong, then the weak ones, then the reason for", () => {
    expect(SIGNAL_RULES.map((r) => [r.id, r.weight])).toEqual([
      ["merge", 1],
      ["noop", 1],
      ["release", 1],
      ["no-kernel-code", 1],
      ["low-confidence", 1],
      ["revert-check-failed", 0.6],
      ["verify-check-failed", 0.6],
      ["other-crash", 0.6],
      ["stated", 0.6],
      ["report-only", 0.2],
      ["far-from-crash", 0.2],
      ["disagreeing-runs", 0.2],
      ["flaky", 0.2],
      ["checks-passed", -0.25],
    ]);
  });

  test.each(["revert-check-failed", "verify-check-failed"] as const)("a failed KernelCI %s makes the culprit unreliable", (id) => {
    expect(judge(signalsWith(id))).toEqual({ favouring: [], reliable: false, score: 0.4, fired: [id] });
  });

  test("KernelCI's passing checks make up for the missing log, and never lift the score above 1", () => {
    expect(judge(signalsWith("report-only"))).toEqual({ favouring: [], reliable: true, score: 0.8, fired: ["report-only"] });
    expect(judge(signalsWith("report-only", "checks-passed"))).toEqual({ favouring: ["checks-passed"], reliable: true, score: 1, fired: ["report-only"] });
    expect(judge(signalsWith("checks-passed"))).toEqual({ favouring: ["checks-passed"], reliable: true, score: 1, fired: [] });
  });

  test("a culprit only stated in a sentence is unreliable on its own", () => {
    expect(judge(signalsWith("stated"))).toEqual({ favouring: [], reliable: false, score: 0.4, fired: ["stated"] });
  });
});
