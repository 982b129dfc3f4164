// `npm run eval:verdict`: the reliability verdict measured on the syzbot study's labelled
// bisections (../shared/data/syzbot-study/bugs-dev.csv and its logs). Deterministic output.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  BASELINES,
  CANDIDATES,
  confusion,
  crossValidate,
  GOAL,
  MIN_OTHER_CRASH_GRID,
  ruleUnreliable,
  scoreRanking,
  studyCases,
  type Confusion,
} from "../analyse/verdict/measure.js";
import { RULE } from "../analyse/verdict/rule.js";
import { parseCsv } from "./csv.js";

const STUDY = fileURLToPath(new URL("../../../shared/data/syzbot-study/", import.meta.url));

const out = (line = ""): void => void process.stdout.write(`${line}\n`);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const share = (n: number, d: number): string => `${n}/${d} (${pct(d === 0 ? 0 : n / d)})`;

function printConfusion(c: Confusion): void {
  const right = c.right.reliable + c.right.unreliable;
  const wrong = c.wrong.reliable + c.wrong.unreliable;
  out(`                  reliable  unreliable`);
  out(`  right culprits ${String(c.right.reliable).padStart(9)} ${String(c.right.unreliable).padStart(11)}`);
  out(`  wrong culprits ${String(c.wrong.reliable).padStart(9)} ${String(c.wrong.unreliable).padStart(11)}`);
  out(`  "unreliable" for wrong culprits: recall ${share(c.wrong.unreliable, wrong)}, precision ${pct(c.precision)}`);
  out(`  right culprits marked unreliable: ${share(c.right.unreliable, right)}`);
}

const meets = (c: Confusion): string => (c.recall >= GOAL.minRecall && c.falsePositiveRate <= GOAL.maxFalsePositiveRate ? "met" : "NOT met");

if (!existsSync(`${STUDY}bugs-dev.csv`)) {
  out(`no study data at ${STUDY}: nothing to measure`);
} else {
  const rows = parseCsv(readFileSync(`${STUDY}bugs-dev.csv`, "utf8"));
  const cases = studyCases(rows, (file) => readFileSync(`${STUDY}logs/${file}`, "utf8"));
  const right = cases.filter((c) => c.correct).length;
  const wrong = cases.length - right;
  out(`syzbot study, bugs-dev.csv: ${cases.length} labelled bisections whose log names a culprit (${right} right, ${wrong} wrong)`);
  out();
  out(`signal                                              right culprits   wrong culprits`);
  for (const s of CANDIDATES) {
    const r = cases.filter((c) => c.correct && s.seen(c)).length;
    const w = cases.filter((c) => !c.correct && s.seen(c)).length;
    out(`${s.name.padEnd(52)}${share(r, right).padStart(14)}${share(w, wrong).padStart(17)}`);
  }
  out();
  const inSample = confusion(cases, ruleUnreliable());
  out(`verdict, in-sample (unreliable from ${RULE.minOtherCrashCommits} commit on another crash, or any decisive signal):`);
  printConfusion(inSample);
  out(`  score: a right culprit scores higher than a wrong one with probability ${scoreRanking(cases).toFixed(3)}`);
  for (const b of BASELINES) {
    out();
    out(`baseline: ${b.name}`);
    printConfusion(confusion(cases, b.unreliable));
  }
  out();
  const cv = crossValidate(cases);
  out(`cross-validated, 5 folds by bug id: for each fold, the number of commits on another crash (${MIN_OTHER_CRASH_GRID.join(", ")})`);
  out(`with the most recall and at most ${pct(GOAL.maxFalsePositiveRate)} false positives on the other four folds, judged on the fold:`);
  cv.folds.forEach((f, i) => {
    const c = f.heldOut;
    out(
      `  fold ${i + 1}: ${f.options.minOtherCrashCommits} commit(s); recall ${share(c.wrong.unreliable, c.wrong.reliable + c.wrong.unreliable)}, ` +
        `false positives ${share(c.right.unreliable, c.right.reliable + c.right.unreliable)}`,
    );
  });
  out(`  all held-out folds together:`);
  printConfusion(cv.pooled);
  out();
  out(`goal: at least ${pct(GOAL.minRecall)} of wrong culprits unreliable, at most ${pct(GOAL.maxFalsePositiveRate)} of right ones`);
  out(`  in-sample: ${meets(inSample)}; cross-validated: ${meets(cv.pooled)}`);
}
