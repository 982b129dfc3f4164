import type { Direction } from "../schema.js";

/**
 * The first line of each syzbot email or dashboard text that carries a
 * bisection result (../shared/docs/syzbot-formats.md section 4), old
 * ("bug"/"crash") and new ("issue") wording.
 */
export type EmailAnchor =
  | { kind: "bisected"; direction: Direction }
  | { kind: "inconclusive"; direction: Direction }
  | { kind: "no-range"; direction: Direction }
  | { kind: "bug-report" };

const ANCHORS: [RegExp, EmailAnchor][] = [
  [/^syzbot has bisected this (?:issue|bug) to:$/, { kind: "bisected", direction: "cause" }],
  [/^syzbot suspects this (?:issue|bug) was fixed by commit:$/, { kind: "bisected", direction: "fix" }],
  [/^syzbot suspects this (?:issue|bug) could be fixed by backporting the following commit:$/, { kind: "bisected", direction: "fix" }],
  [/^Bisection is inconclusive: the first bad commit could be any of:$/, { kind: "inconclusive", direction: "cause" }],
  [/^Bisection is inconclusive: the fix commit could be any of:$/, { kind: "inconclusive", direction: "fix" }],
  [/^Bisection is inconclusive: the (?:issue|bug) happens on the oldest tested release\.$/, { kind: "no-range", direction: "cause" }],
  [/^Bisection is inconclusive: the (?:issue|bug) happens on the latest tested release\.$/, { kind: "no-range", direction: "fix" }],
  [/^syzbot (?:found|has found a reproducer for) the following (?:issue|crash|bug) on:$/, { kind: "bug-report" }],
];

export function emailAnchor(text: string): EmailAnchor | null {
  const t = text.trim();
  if (t.length > 120 || (!t.startsWith("syzbot ") && !t.startsWith("Bisection is inconclusive"))) return null;
  for (const [pattern, anchor] of ANCHORS) if (pattern.test(t)) return anchor;
  return null;
}

/** Inside a bug report: the line that introduces its bisection result. */
export const BISECTED_IN_REPORT = /^The (?:issue|bug) was bisected to:$/;
