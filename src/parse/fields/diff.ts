import type { DiffstatEntry } from "../schema.js";
import type { SourceLine } from "../text/source-lines.js";

/**
 * A commit shown with its patch instead of a diffstat (`git show` without --stat, KernelCI's
 * "Breaking commit found"): the files from the `diff --git` headers, each with the lines its
 * hunks add and remove. Hunks are consumed by the counts in their `@@` headers, so a patch line
 * that looks like anything else (`--- a rule ---`, an empty context line eaten by a mailer) is
 * still read as patch.
 */
const DIFF_GIT = /^diff --git a\/(\S+) b\/(\S+)$/;
const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;
/** Extended header lines between `diff --git` and the first hunk. */
const EXTENDED_HEADER =
  /^(?:index |--- |\+\+\+ |new file mode |deleted file mode |old mode |new mode |similarity index |dissimilarity index |rename from |rename to |copy from |copy to |Binary files )/;

export function isDiffStart(text: string): boolean {
  return DIFF_GIT.test(text.trim());
}

/** The files a patch at lines[start] changes, and the index after it. */
export function parseDiff(lines: readonly SourceLine[], start: number, limit: number): { entries: DiffstatEntry[]; end: number } {
  const entries: DiffstatEntry[] = [];
  let current: DiffstatEntry | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  let i = start;
  for (; i < limit; i++) {
    const raw = lines[i]?.text ?? "";
    if (oldLeft > 0 || newLeft > 0) {
      const sign = raw[0];
      if (sign === "-") oldLeft--;
      else if (sign === "+") newLeft--;
      else if (sign === "\\") continue;
      else {
        oldLeft--;
        newLeft--;
      }
      if (current && (sign === "-" || sign === "+")) current.lines = (current.lines ?? 0) + 1;
      continue;
    }
    const t = raw.trimEnd();
    const file = DIFF_GIT.exec(t);
    if (file) {
      current = { path: file[2] ?? "", lines: 0, abbreviated: false, directory: false };
      entries.push(current);
      continue;
    }
    const hunk = current ? HUNK.exec(t) : null;
    if (hunk) {
      oldLeft = Number(hunk[1] ?? "1");
      newLeft = Number(hunk[2] ?? "1");
      continue;
    }
    if (current && EXTENDED_HEADER.test(t)) {
      if (t.startsWith("Binary files ")) current.lines = null;
      continue;
    }
    break;
  }
  return { entries, end: i };
}
