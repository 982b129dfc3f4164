import type { Report, Verdict } from "../../parse/schema.js";
import { judge } from "./rule.js";
import { extractSignals } from "./signals.js";
import { describeNoCulprit, describeSignal } from "./wording.js";

/**
 * Whether a bisection's commit can be trusted, with the reasons that lowered the score,
 * strongest first (see rule.ts). A log without a single commit (inconclusive, failed, crash on
 * the oldest release...) has nothing to trust: unreliable, score 0, the outcome as the reason.
 * The rule was measured on cause bisections; fix bisections get the same checks.
 */
export function assessReliability(report: Report): Verdict {
  if (report.outcome !== "culprit") return { reliable: false, score: 0, reasons: [describeNoCulprit(report.outcome, report)] };
  const signals = extractSignals(report);
  const { reliable, score, fired } = judge(signals);
  return { reliable, score, reasons: fired.map((id) => describeSignal(id, signals, report.direction)) };
}
