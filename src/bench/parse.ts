// Parser throughput over the real corpus next to a bare read-and-split baseline over the same
// text, and the worst cases the parser must stay linear on.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseText } from "../parse/index.js";

const STUDY_LOGS = fileURLToPath(new URL("../../../shared/data/syzbot-study/logs/", import.meta.url));
const FIXTURE_LOGS = fileURLToPath(new URL("../../test/fixtures/logs/", import.meta.url));

function seconds(run: () => void, repeat = 1): number {
  const start = performance.now();
  for (let i = 0; i < repeat; i++) run();
  return (performance.now() - start) / 1000 / repeat;
}

export async function benchParse(log: (line: string) => void): Promise<void> {
  const dir = existsSync(STUDY_LOGS) ? STUDY_LOGS : FIXTURE_LOGS;
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => readFileSync(join(dir, f), "utf8"));
  const mb = texts.reduce((sum, t) => sum + t.length, 0) / 1e6;
  let lines = 0;
  const baseline = seconds(() => {
    for (const t of texts) lines += t.split(/\r\n|\r|\n/).length;
  }, 3);
  let reports = 0;
  const parse = seconds(() => {
    for (const t of texts) reports += parseText(t).reports.length;
  }, 3);
  log(`parse corpus (${dir === STUDY_LOGS ? "study" : "fixtures"}): ${texts.length} files, ${mb.toFixed(1)} MB, ${reports / 3} reports`);
  log(`  parseText            ${(mb / parse).toFixed(1).padStart(7)} MB/s`);
  log(`  read-and-split lines ${(mb / baseline).toFixed(1).padStart(7)} MB/s (baseline, ${lines / 3} lines)`);

  const seed = texts.find((t) => t.includes("first bad commit:")) ?? texts[0] ?? "";
  const big = Array.from({ length: Math.ceil(10e6 / Math.max(1, seed.length)) }, () => seed).join("\n");
  log(`  10 MB of logs         ${seconds(() => parseText(big)).toFixed(3)} s`);
  const line = "testing commit ".padEnd(1 << 20, "a(b)*c ");
  log(`  1 MB single line      ${seconds(() => parseText(line)).toFixed(3)} s`);
  const quotes = "> ".repeat(1 << 19);
  log(`  1 MB of quote markers ${seconds(() => parseText(quotes)).toFixed(3)} s`);
  const fences = "```\n".repeat(1 << 18);
  log(`  1 MB of fences        ${seconds(() => parseText(fences)).toFixed(3)} s`);
  // Shapes that once were quadratic: log starts in one block, closing tags, leading-.* report lines.
  const starts = "bisecting cause commit starting from 8b787da7ba8cd2383988480d282ec1abc3917892\n".repeat(80_000);
  log(`  80,000 log starts     ${seconds(() => parseText(starts)).toFixed(3)} s (${(starts.length / 1e6).toFixed(1)} MB)`);
  const tags = `<details>${"</pre> ".repeat(150_000)}x`;
  log(`  1 MB of closing tags  ${seconds(() => parseText(tags)).toFixed(3)} s`);
  const tiny = "a\n".repeat(5_000_000);
  log(`  10 MB of 2-byte lines ${seconds(() => parseText(tiny)).toFixed(3)} s (the per-line cost, 5 M lines)`);
}
