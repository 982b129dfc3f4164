// The mirror's plan over many issues and bugs (one marker read per issue, sets for the lookups: linear),
// and `mirror.titles` patterns on titles built to make a backtracking matcher explode.

import { DEFAULT_CONFIG } from "../config/schema.js";
import { mirroredBody } from "../mirror/body.js";
import type { DashboardBug } from "../mirror/dashboard-api.js";
import { factsOf } from "../mirror/facts.js";
import { bugPagePath, type MirroredIssue, type PageRead, planMirror } from "../mirror/plan.js";
import { titleMatches } from "../mirror/title-pattern.js";

function bug(i: number): DashboardBug {
  const id = i.toString(16).padStart(40, "0");
  return {
    version: 1,
    title: `WARNING in function_${i}`,
    id,
    status: "upstream: reported C repro on 2025/01/14 18:26",
    "first-crash": "2025-01-10T05:09:00Z",
    "last-crash": "2025-01-14T10:02:00Z",
    crashes: [{ title: `WARNING in function_${i}`, "crash-report-link": `/text?tag=CrashReport&x=${i.toString(16)}`, "c-reproducer": `/text?tag=ReproC&x=${i.toString(16)}` }],
    // Every other bug was bisected since its issue was opened.
    ...(i % 2 === 0 ? { "cause-commit": { title: "mm: a change", hash: "6001a930ce0378b62210d4f83583fc88a903d89d" } } : {}),
  };
}

function measurePlan(log: (line: string) => void, bugs: number): void {
  const config = { ...DEFAULT_CONFIG.mirror, enabled: true, maxOpen: 50 };
  const issues: MirroredIssue[] = [];
  const pages = new Map<string, PageRead>();
  const listed = [];
  for (let i = 0; i < bugs; i++) {
    const b = bug(i);
    const link = `/bug?extid=${i.toString(16).padStart(20, "0")}`;
    listed.push({ title: b.title, link });
    // Half the bugs have an issue, opened before their bisection.
    if (i % 2 === 0) {
      const { "cause-commit": _cause, ...reported } = b;
      issues.push({ number: i + 1, open: true, body: mirroredBody(factsOf(reported, link, null), { report: "WARNING: x\n".repeat(60), bisection: null }, "https://syzkaller.appspot.com") });
      pages.set(bugPagePath(b.id), { ok: true, bug: b });
    } else pages.set(link, { ok: true, bug: b });
  }
  const start = performance.now();
  const plan = planMirror({ listed, issues, pages, config });
  const ms = performance.now() - start;
  log(`mirror plan: ${bugs} listed bugs, ${issues.length} issues: ${plan.update.length} updates, ${plan.open.length} opens, ${plan.waiting} waiting in ${ms.toFixed(0)} ms`);
}

function measureTitles(log: (line: string) => void): void {
  const patterns = Array.from({ length: 20 }, (_, i) => `${"*a".repeat(40)}*${i}`);
  const titles = Array.from({ length: 2000 }, () => "a".repeat(300));
  const start = performance.now();
  let matched = 0;
  for (const title of titles) if (patterns.some((p) => titleMatches(p, title))) matched++;
  log(`mirror titles: 20 patterns of 40 stars on 2000 titles of 300 characters: ${matched} matched in ${(performance.now() - start).toFixed(0)} ms`);
}

export async function benchMirror(log: (line: string) => void): Promise<void> {
  measurePlan(log, 2_000);
  measurePlan(log, 20_000);
  measureTitles(log);
}
