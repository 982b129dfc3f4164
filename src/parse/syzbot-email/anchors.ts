import type { Direction } from "../schema.js";
import type { SourceLine } from "../text/source-lines.js";
import { classifyWrapped, WRAPPED } from "../text/wrapped-lines.js";

/**
 * The first line of each syzbot email or dashboard text that carries a
 * bisection result (docs/syzbot-formats.md section 4), old
 * ("bug"/"crash") and new ("issue") wording.
 */
export type EmailAnchor =
  /** `inReport`: a bug report's own "The issue was bisected to:" (also quoted alone, without the report's first lines). */
  | { kind: "bisected"; direction: Direction; inReport?: true }
  | { kind: "inconclusive"; direction: Direction }
  | { kind: "no-range"; direction: Direction }
  | { kind: "bug-report" };

const PHRASES: [string, EmailAnchor][] = [];
/** Each phrase also without its final colon: people quoting syzbot condense its lines. */
function phrase(texts: string[], anchor: EmailAnchor): void {
  for (const text of texts) {
    PHRASES.push([text, anchor]);
    if (text.endsWith(":")) PHRASES.push([text.slice(0, -1), anchor]);
  }
}
const both = (template: string) => ["issue", "bug"].map((word) => template.replace("%", word));
phrase(both("syzbot has bisected this % to:"), { kind: "bisected", direction: "cause" });
phrase(both("syzbot suspects this % was fixed by commit:"), { kind: "bisected", direction: "fix" });
phrase(both("syzbot suspects this % could be fixed by backporting the following commit:"), { kind: "bisected", direction: "fix" });
phrase(["Bisection is inconclusive: the first bad commit could be any of:"], { kind: "inconclusive", direction: "cause" });
phrase(["Bisection is inconclusive: the fix commit could be any of:"], { kind: "inconclusive", direction: "fix" });
phrase(both("Bisection is inconclusive: the % happens on the oldest tested release."), { kind: "no-range", direction: "cause" });
phrase(both("Bisection is inconclusive: the % happens on the latest tested release."), { kind: "no-range", direction: "fix" });
phrase(both("The % was bisected to:"), { kind: "bisected", direction: "cause", inReport: true });
for (const word of ["issue", "crash", "bug"]) {
  phrase([`syzbot found the following ${word} on:`, `syzbot has found a reproducer for the following ${word} on:`], { kind: "bug-report" });
}
const LONGEST = Math.max(...PHRASES.map(([text]) => text.length));
/** Shorter beginnings ("syzbot has") are too common in prose to be taken for a wrapped anchor. */
const MIN_WRAPPED_PREFIX = 20;
const EXACT = new Map(PHRASES);
/** Every beginning of a phrase that a mail client could have wrapped it after (up to a space). */
const WRAPPED_PREFIXES = new Set(PHRASES.flatMap(([p]) => [...p.matchAll(/ /g)].map((m) => p.slice(0, m.index))));

function classifyAnchor(text: string): EmailAnchor | typeof WRAPPED | null {
  const t = text.trim();
  if (t.length < MIN_WRAPPED_PREFIX || t.length > LONGEST) return null;
  return EXACT.get(t) ?? (WRAPPED_PREFIXES.has(t) ? WRAPPED : null);
}

/** The email anchor at lines[i] (joining a hard-wrapped one) and the index after it. */
export function emailAnchorAt(lines: SourceLine[], i: number): { value: EmailAnchor | null; next: number } {
  return classifyWrapped(lines, i, classifyAnchor);
}
