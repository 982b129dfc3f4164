import type { Direction } from "../schema.js";
import type { SourceLine } from "../text/source-lines.js";
import { classifyWrapped, WRAPPED } from "../text/wrapped-lines.js";

/**
 * The first line of each syzbot email or dashboard text that carries a
 * bisection result (docs/syzbot-formats.md section 4), old
 * ("bug"/"crash") and new ("issue") wording.
 */
export type EmailAnchor =
  | { kind: "bisected"; direction: Direction }
  | { kind: "inconclusive"; direction: Direction }
  | { kind: "no-range"; direction: Direction }
  | { kind: "bug-report" };

const PHRASES: [string, EmailAnchor][] = [];
function phrase(texts: string[], anchor: EmailAnchor): void {
  for (const text of texts) PHRASES.push([text, anchor]);
}
const both = (template: string) => ["issue", "bug"].map((word) => template.replace("%", word));
phrase(both("syzbot has bisected this % to:"), { kind: "bisected", direction: "cause" });
phrase(both("syzbot suspects this % was fixed by commit:"), { kind: "bisected", direction: "fix" });
phrase(both("syzbot suspects this % could be fixed by backporting the following commit:"), { kind: "bisected", direction: "fix" });
phrase(["Bisection is inconclusive: the first bad commit could be any of:"], { kind: "inconclusive", direction: "cause" });
phrase(["Bisection is inconclusive: the fix commit could be any of:"], { kind: "inconclusive", direction: "fix" });
phrase(both("Bisection is inconclusive: the % happens on the oldest tested release."), { kind: "no-range", direction: "cause" });
phrase(both("Bisection is inconclusive: the % happens on the latest tested release."), { kind: "no-range", direction: "fix" });
for (const word of ["issue", "crash", "bug"]) {
  phrase([`syzbot found the following ${word} on:`, `syzbot has found a reproducer for the following ${word} on:`], { kind: "bug-report" });
}
const LONGEST = Math.max(...PHRASES.map(([text]) => text.length));
/** Shorter beginnings ("syzbot has") are too common in prose to be taken for a wrapped anchor. */
const MIN_WRAPPED_PREFIX = 20;

function classifyAnchor(text: string): EmailAnchor | typeof WRAPPED | null {
  const t = text.trim();
  if (t.length < MIN_WRAPPED_PREFIX || t.length > LONGEST) return null;
  for (const [p, anchor] of PHRASES) if (t === p) return anchor;
  return PHRASES.some(([p]) => p.startsWith(t + " ")) ? WRAPPED : null;
}

/** The email anchor at lines[i] (joining a hard-wrapped one) and the index after it. */
export function emailAnchorAt(lines: SourceLine[], i: number): { value: EmailAnchor | null; next: number } {
  return classifyWrapped(lines, i, classifyAnchor);
}

/** Inside a bug report: the line that introduces its bisection result. */
export const BISECTED_IN_REPORT = /^The (?:issue|bug) was bisected to:$/;
