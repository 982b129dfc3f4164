import { mirroredTitle } from "./body.js";
import type { SyncResult } from "./sync.js";

/**
 * A sync as lines of text, for the CLI's dry run and the Action's log: what the plan opens, updates
 * and closes and why, what it leaves alone, then (after a real run) what was written and what failed.
 */
export function syncLines(result: SyncResult, options: { dryRun: boolean; maxOpen: number }): string[] {
  if (!result.ok) return [`nothing done: could not read the dashboard: ${result.error}`];
  const { plan } = result;
  const lines = [
    ...plan.open.map((o) => `open: ${mirroredTitle(o.title)} (bug ${o.facts.id.slice(0, 12)}): ${o.reason}`),
    ...plan.update.map((u) => `update #${u.issue}: ${u.reasons.join("; ")}`),
    ...plan.close.map((c) => `close #${c.issue}: ${c.reasons.join("; ")}${c.keptBody ? " (the description a person edited stays)" : ""}`),
    ...plan.skipped.map((s) => `leave ${s.issue === null ? s.bug : `#${s.issue}`}: ${s.reason}`),
    ...(plan.waiting > 0 ? [`wait: up to ${plan.waiting} more open bugs, for later runs (mirror.maxOpen is ${options.maxOpen})`] : []),
  ];
  if (lines.length === 0) return ["nothing to do: the issues are in step with the dashboard"];
  if (options.dryRun) return lines.map((l) => `would ${l}`);
  return [
    ...lines,
    ...result.written.map((w) => `done: ${w.action} #${w.issue}`),
    ...result.failed.map((f) => `failed: ${f.action}${f.issue === null ? "" : ` #${f.issue}`} (bug ${f.bug.slice(0, 12)}): ${f.error}`),
  ];
}
