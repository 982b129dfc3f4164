// Parser throughput over the real corpus next to a bare read-and-split baseline over the same
// text, and the worst cases the parser must stay linear on.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommands } from "../commands/index.js";
import { DEFAULT_FETCH_HOSTS, findLogLinks } from "../fetch/index.js";
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
  // One bisection with very many tested commits: each verdict line finds its step by hash.
  for (const steps of [10_000, 40_000, 100_000]) {
    const text = manyStepsLog(steps);
    const parsed = seconds(() => parseText(text));
    log(`  ${steps.toLocaleString("en-US").padStart(7)} tested commits ${parsed.toFixed(3).padStart(7)} s (${(text.length / 1e6).toFixed(1)} MB, ${((parsed / steps) * 1e6).toFixed(1)} us a commit)`);
  }
  // The pasted forms' readers on shapes that could be quadratic.
  const qp = `Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n${"syzbot has bisected this issue to: =\nabc=3D=20\n".repeat(120_000)}`;
  log(`  5 MB quoted-printable  ${seconds(() => parseText(qp)).toFixed(3)} s`);
  const prose = "I bisected it and the first bad commit is not 1234567abcdef, see https://git.kernel.org/linus/7afeb84d14ea\n".repeat(50_000);
  log(`  50,000 bisect sentences ${seconds(() => parseText(prose)).toFixed(3)} s (${(prose.length / 1e6).toFixed(1)} MB)`);
  const interleaved = "> syzbot has bisected this issue to:\nreply\n".repeat(100_000);
  log(`  100,000 quoted replies ${seconds(() => parseText(interleaved)).toFixed(3)} s`);
  // Statements that look back for "the above commit", or past "Expected ..." list items, and sentences full of hashes.
  const above = `${"x".repeat(4000)}\nI bisected to the above commit\n`.repeat(20_000);
  log(`  20,000 "above commit"s ${seconds(() => parseText(above)).toFixed(3)} s (${(above.length / 1e6).toFixed(1)} MB)`);
  const expected = `Expected behavior:\n${"- bisection points to 1234567abcdef\n".repeat(100_000)}`;
  log(`  100,000 expected items ${seconds(() => parseText(expected)).toFixed(3)} s`);
  const hashes = `bisected ${"good: 1234567abcdef, ".repeat(200)}\n`.repeat(5_000);
  log(`  5,000 range-end lines  ${seconds(() => parseText(hashes)).toFixed(3)} s (${(hashes.length / 1e6).toFixed(1)} MB)`);
  const candidates = `syzbot found the following issue on:\n\nBisection is inconclusive: the first bad commit could be any of:\n\n${"1234567a Merge tag 'x' of\ngit://git.kernel.org/pub/scm/linux\n".repeat(100_000)}`;
  log(`  100,000 wrapped candidates ${seconds(() => parseText(candidates)).toFixed(3)} s`);
  // The other readers of every comment: commands and log links.
  const commandShapes = [`#syz dup: ${"[".repeat(1_000_000)}`, `#syz set subsystems${" ".repeat(1_000_000)}x`, `${"```".repeat(300_000)}\u2028`, "#syz fix: x\n".repeat(200_000), `#syz dup: ${"Re: ".repeat(500_000)}`];
  log(`  commands, 5 hostile MB ${seconds(() => commandShapes.forEach((t) => parseCommands(t))).toFixed(3)} s`);
  const linkShapes = ["http://a ".repeat(300_000), `https://${"(".repeat(2_000_000)}`, "https://".repeat(300_000), `https://github.com/user-attachments/files/${".".repeat(2_000_000)}`];
  log(`  log links, 8 hostile MB ${seconds(() => linkShapes.forEach((t) => findLogLinks(t, DEFAULT_FETCH_HOSTS))).toFixed(3)} s`);
}

/** A syzbot log whose bisection tested `count` commits, each with its verdict line. */
function manyStepsLog(count: number): string {
  const sha = (n: number) => n.toString(16).padStart(40, "a");
  const out = ["bisecting cause commit starting from " + sha(0), "# git bisect start " + sha(0) + " " + sha(1)];
  for (let n = 2; n < count + 2; n++) {
    out.push(`Bisecting: ${count - n} revisions left to test after this (roughly 1 step)`, `[${sha(n)}] commit ${n}`, "");
    out.push(`testing commit ${sha(n)} gcc`, "all runs: OK", `# git bisect good ${sha(n)}`);
  }
  out.push(`${sha(count + 1)} is the first bad commit`);
  return out.join("\n");
}
