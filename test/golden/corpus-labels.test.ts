import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { dryRunFacts } from "../../src/cli/dry-run.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { analyseFacts, settle } from "../../src/decide/decide.js";
import { bundledMaintainers } from "../../src/decide/maintainers-facts.js";
import { EMPTY_STATE } from "../../src/state/index.js";
import { hasStudy, STUDY, studyRows } from "../helpers/corpus.js";

// The label's evidence on all 2,951 real syzbot logs, as a fresh install labels them: a label
// comes from a culprit's files only when its verdict is reliable, from a crash only when it is the
// bug's own (never the crash of another title the bisection wandered into), and an issue is
// labelled unreliable only when its report is.
describe.skipIf(!hasStudy)("label evidence on the syzbot study corpus", () => {
  test("no label from an unreliable culprit or another bug's crash", async () => {
    const maintainers = bundledMaintainers();
    const issue = { repo: null, number: 1, title: "", author: "cli" };
    const tally = { culprit: 0, crash: 0, none: 0 };
    const wrongFromCulprit: string[] = [];
    const rows = new Map(studyRows().map((r) => [r.log_file, r]));
    for (const file of readdirSync(`${STUDY}logs`).filter((f) => f.startsWith("Log_")).sort()) {
      const text = readFileSync(`${STUDY}logs/${file}`, "utf8");
      const facts = await dryRunFacts(text, { ok: true, config: DEFAULT_CONFIG }, issue, maintainers, { offline: true });
      const analysis = analyseFacts(facts, DEFAULT_CONFIG);
      const { labels } = settle(facts, analysis, EMPTY_STATE, 0, DEFAULT_CONFIG);
      const follows = labels.subsystems?.follows;
      const report = analysis.reports[0];
      if (!follows || !report || !("report" in follows)) {
        tally.none++;
        continue;
      }
      if (labels.subsystems?.from.startsWith("from the culprit's files")) {
        tally.culprit++;
        expect(follows.judgement.kind === "verdict" && follows.judgement.verdict.reliable, file).toBe(true);
        if (rows.get(file)?.culprit_correct === "0") wrongFromCulprit.push(file);
      } else {
        tally.crash++;
        expect(follows.ownCrash?.guiltyFile, file).toBeTruthy();
        expect(follows.strayCrash, file).toBeNull();
      }
    }
    console.log("labels follow:", tally, "labelled from a culprit the study knows is wrong:", wrongFromCulprit.length);
    expect(tally.culprit + tally.crash + tally.none).toBe(2308);
  });
});
