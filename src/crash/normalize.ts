// Title normalization as syzbot does it (pkg/report/report.go: dynamicTitleReplacement,
// sanitizeTitle): the parts of a title that change from run to run are replaced by
// placeholders, so the same bug gets the same title.

/** Each replacement is applied until the title stops changing (matches can overlap: "0,1,2"). */
const REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  // Executor process ids.
  [/syz-executor\.?[0-9]+((\/|:)[0-9]+)?/g, "syz-executor"],
  [/syzkaller[0-9]+((\/|:)[0-9]+)?/g, "syzkaller"],
  // Anything that looks like an address.
  [/([^a-zA-Z0-9])(?:0x)?[0-9a-f]{6,}/g, "$1ADDR"],
  [/([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})/g, "IP"],
  // Source line numbers.
  [/(\.\w+)(:[0-9]+)+/g, "$1:LINE"],
  // Offsets and sizes in raw frames ("ip6_fragment+0x1052/0x2d80").
  [/([a-zA-Z][a-zA-Z0-9_.]+)\+0x[0-9a-z]+\/0x[0-9a-z]+/g, "$1"],
  [/CPU#[0-9]+/g, "CPU"],
  // Remaining stand-alone decimal numbers; digits inside names (cfg80211) stay.
  [/(\W)(\d+)(\W|$)/g, "$1NUM$3"],
  // Very long digit runs inside words are not names either.
  [/\d{7,}/g, "NUM"],
];

/** Titles longer than this are corrupted or intermixed lines. */
const MAX_TITLE = 120;

/**
 * Input longer than this cannot matter: every replacement shrinks or keeps a title within a
 * small factor, and only MAX_TITLE characters survive. Bounding it bounds the work.
 */
const MAX_INPUT = 8 * MAX_TITLE;

/** syzbot's "(2)", "(3)" suffix for a bug that came back after being fixed. */
const RECURRENCE = /\s+\([0-9]+\)$/;

function replaceAll(title: string): string {
  let result = title;
  for (const [re, replacement] of REPLACEMENTS) {
    for (let prev = ""; prev !== result; ) {
      prev = result;
      result = result.replace(re, replacement);
    }
  }
  return result;
}

/** Tabs become spaces, other control and non-ASCII characters go, spaces collapse, max 120. */
function sanitizeTitle(title: string): string {
  let out = "";
  let prev = " ";
  for (let i = 0; i < title.length && i < MAX_TITLE; i++) {
    let ch = title[i] ?? "";
    const code = ch.charCodeAt(0);
    if (ch === "\t") ch = " ";
    else if (code < 0x20 || code >= 0x7f) continue;
    if (ch === " " && prev === " ") continue;
    out += ch;
    prev = ch;
  }
  return out.trim();
}

/** The title as produced from a fresh report: dynamic parts replaced, then sanitized. */
export function canonicalTitle(title: string): string {
  return sanitizeTitle(replaceAll(title.slice(0, MAX_INPUT)));
}

/**
 * Normalizes a title for comparing bugs: dynamic parts (numbers, addresses, executor ids, line
 * numbers, frame offsets) are replaced, and syzbot's recurrence suffix " (N)" is dropped, so
 * "WARNING in foo (2)" and a fresh "WARNING in foo" compare equal.
 */
export function normalizeTitle(title: string): string {
  return canonicalTitle(title.trim().replace(RECURRENCE, ""));
}
