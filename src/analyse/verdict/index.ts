import type { Report, Verdict } from "../../parse/schema.js";
import { judge } from "./rule.js";
import { extractSignals, type SignalId } from "./signals.js";
import { describeNoCulprit, describeSignal } from "./wording.js";

/**
 * Whether a bisection's commit can be trusted, with the reasons that lowered the score,
 * strongest first (see rule.ts). A log without a single commit (inconclusive, failed, crash on
 * the oldest release...) has nothing to trust: unreliable, score 0, the outcome as the reason.
 * The rule was measured on cause bisections; fix bisections get the same checks.
 */
export function assessReliability(report: Report): Verdict {
  if (report.outcome !== "culprit") return { reliable: false, score: 0, reasons: [describeNoCulprit(report.outcome, report)], support: [], signals: [] };
  const signals = extractSignals(report);
  const { reliable, score, fired, favouring } = judge(signals);
  const words = (ids: readonly SignalId[]) => ids.map((id) => describeSignal(id, signals, report.direction));
  return { reliable, score, reasons: words(fired), support: words(favouring), signals: [...fired] };
}
