// The verdict on the syzbot study's labelled culprits (bugs-dev.csv): the figures `npm run
// eval:verdict` prints, pinned so that a regression in the rule, the signals or the parser fails.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import {
  BASELINES,
  CANDIDATES,
  confusion,
  crossValidate,
  GOAL,
  ruleUnreliable,
  scoreRanking,
  studyCases,
  type StudyCase,
} from "../../src/analyse/verdict/measure.js";
import { hasStudy, STUDY, studyRows } from "../helpers/corpus.js";

describe.skipIf(!hasStudy)("the verdict on the study's labelled culprits", () => {
  let cases: StudyCase[] = [];
  beforeAll(() => {
    cases = studyCases(studyRows(), (file) => readFileSync(`${STUDY}logs/${file}`, "utf8"));
  });

  test("572 labelled logs name a culprit: 255 right, 317 wrong", () => {
    expect(cases.filter((c) => c.correct)).toHaveLength(255);
    expect(cases.filter((c) => !c.correct)).toHaveLength(317);
  });

  // Merge culprits that old logs show without a commit display are merges by their subject (since the pasted-forms work: 232 -> 234).
  test("in-sample: 73.8% of wrong culprits unreliable, 11.4% of right ones", () => {
    const c = confusion(cases, ruleUnreliable());
    expect(c.right).toEqual({ reliable: 226, unreliable: 29 });
    expect(c.wrong).toEqual({ reliable: 83, unreliable: 234 });
    expect(c.recall).toBeGreaterThanOrEqual(GOAL.minRecall);
    expect(c.falsePositiveRate).toBeLessThanOrEqual(GOAL.maxFalsePositiveRate);
  });

  test("the score ranks a right culprit above a wrong one 86% of the time", () => {
    expect(scoreRanking(cases)).toBeCloseTo(0.866, 3);
  });

  test("cross-validated by bug id: the same threshold in every fold, the goal still met", () => {
    const cv = crossValidate(cases);
    expect(cv.folds.map((f) => f.options.minOtherCrashCommits)).toEqual([1, 1, 1, 1, 1]);
    expect(cv.folds.map((f) => [f.heldOut.wrong.unreliable, f.heldOut.right.unreliable])).toEqual([
      [45, 9],
      [47, 4],
      [46, 6],
      [45, 7],
      [51, 3],
    ]);
    expect(cv.pooled.right).toEqual({ reliable: 226, unreliable: 29 });
    expect(cv.pooled.wrong).toEqual({ reliable: 83, unreliable: 234 });
  });

  test("syzbot's own flags catch about a quarter of the wrong culprits", () => {
    const [status, flags] = BASELINES.map((b) => confusion(cases, b.unreliable));
    expect([status?.wrong.unreliable, status?.right.unreliable]).toEqual([65, 0]);
    expect([flags?.wrong.unreliable, flags?.right.unreliable]).toEqual([83, 0]);
  });

  test("no right culprit has a decisive signal", () => {
    const decisive = [
      "merge commit [syzbot]",
      "culprit and parent signatures equal [syzbot]",
      "release commit [syzbot]",
      "no kernel code changed",
      "any of the above (decisive in the rule)",
    ];
    const counts = CANDIDATES.filter((s) => decisive.includes(s.name)).map((s) => [
      s.name,
      cases.filter((c) => c.correct && s.seen(c)).length,
      cases.filter((c) => !c.correct && s.seen(c)).length,
    ]);
    expect(counts).toEqual([
      ["merge commit [syzbot]", 0, 42],
      ["culprit and parent signatures equal [syzbot]", 0, 32],
      ["release commit [syzbot]", 0, 9],
      ["no kernel code changed", 0, 40],
      ["any of the above (decisive in the rule)", 0, 92],
    ]);
  });
});
