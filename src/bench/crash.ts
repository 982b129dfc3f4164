// Throughput of the crash analyser: the corpus's crash sections (real reports, when the study
// data is checked out beside the repository) and a 10 MB console log with the report at its end.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyseCrash } from "../crash/index.js";

const STUDY_LOGS = fileURLToPath(new URL("../../../shared/data/syzbot-study/logs/", import.meta.url));

/** Analyses the texts and reports megabytes per second. */
function measure(log: (line: string) => void, name: string, texts: readonly string[]): void {
  const bytes = texts.reduce((sum, text) => sum + text.length, 0);
  const start = performance.now();
  let found = 0;
  for (const text of texts) if (analyseCrash(text)) found++;
  const seconds = (performance.now() - start) / 1000;
  log(`crash ${name}: ${texts.length} texts, ${(bytes / 1e6).toFixed(1)} MB, ${found} oopses, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`);
}

/** The text after the `crash:` line of every study log that has one. */
function crashSections(dir: string): string[] {
  const sections: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.startsWith("Log_"))) {
    const text = readFileSync(join(dir, file), "utf8");
    const at = text.indexOf("\ncrash: ");
    const body = at === -1 ? -1 : text.indexOf("\n", at + 1);
    if (body !== -1) sections.push(text.slice(body + 1));
  }
  return sections;
}

export async function benchCrash(log: (line: string) => void, logsDir = STUDY_LOGS): Promise<void> {
  const sections = existsSync(logsDir) ? crashSections(logsDir) : [];
  if (sections.length > 0) measure(log, "corpus crash sections", sections);
  else log(`crash: no study logs at ${logsDir}, corpus skipped`);

  const report = sections[0] ?? "BUG: KASAN: use-after-free in f+0x1/0x2 a/b.c:1\nRead of size 8\nCall Trace:\n g+0x1/0x2 a/c.c:2\n";
  const noise = "[  100.000000][ T777] audit: type=1400 audit(1.2:3): avc:  denied  { read } for  pid=1 comm=\"x\"\n";
  const console = noise.repeat(Math.ceil(10e6 / noise.length)) + report;
  measure(log, "10 MB console log", [console]);
  measure(log, "1 MB single line", ["x".repeat(1 << 20)]);
  // A report header followed by long lines that almost match the lockdep and workqueue patterns.
  const lines = ("x".repeat(2000) + "\n").repeat(2500);
  measure(log, "5 MB of long lines after a lockdep header", [`WARNING: possible recursive locking detected\n${lines}`]);
}
