import type { Links, Report } from "../schema.js";
import type { SourceLine } from "../text/source-lines.js";

/**
 * The `label:  value` fields of syzbot's templates (docs/syzbot-formats.md section 4),
 * read the same wherever they appear: an email, dashboard text, a Markdown list of them.
 */
const LINK_FIELDS: Record<string, keyof Links> = {
  "dashboard link": "dashboard",
  "bisection log": "bisectionLog",
  "final oops": "crashReport",
  "final crash": "crashReport",
  "console output": "consoleLog",
  "console+strace": "consoleLog",
  "kernel config": "kernelConfig",
  "syz repro": "syzRepro",
  "C reproducer": "cRepro",
};
/** Facts of the run, kept under syzbot's own labels in `Report.parameters`. */
const PARAMETER_FIELDS = new Set(["HEAD commit", "start commit", "git tree", "compiler", "userspace arch", "oldest commit", "latest commit"]);
const FIELD = /^([A-Za-z+ ]{2,20}):(?:\s+(.*))?$/;
const START_COMMIT = /^([0-9a-f]{8,40})(?: .*)?$/;
/** A value that names nothing (mptcp writes `/` for a missing reproducer). */
const EMPTY_VALUE = /^(?:\/|-|n\/a|none)?$/i;

export function isKnownField(label: string): boolean {
  return label in LINK_FIELDS || PARAMETER_FIELDS.has(label);
}

/** The field at lines[i]: a value a mail client moved to the next line after a trailing space is joined back. */
export function fieldAt(lines: readonly SourceLine[], i: number, text: string): { label: string; value: string; next: number } | null {
  const m = FIELD.exec(text.trim());
  if (!m) return null;
  const label = (m[1] ?? "").trim();
  let value = (m[2] ?? "").trim();
  let next = i + 1;
  const following = lines[i + 1];
  const continues = following && following.block === lines[i]?.block && following.text.trim() !== "" && !FIELD.test(following.text.trim());
  // An empty value, or one ending in a space (format=flowed), goes on on the next line.
  if (continues && isKnownField(label) && (value === "" || text.endsWith(" "))) {
    value = `${value} ${following.text.trim()}`.trim();
    next = i + 2;
  }
  return { label, value, next };
}

/** Records a field's value in the report; returns false for labels that are no syzbot field. */
export function applyField(label: string, rawValue: string, report: Report): boolean {
  const value = rawValue.replace(/^\[OBSOLETE\] /, "");
  if (!isKnownField(label)) return false;
  if (EMPTY_VALUE.test(value)) return true;
  const link = LINK_FIELDS[label];
  if (link) {
    report.links[link] = value;
    return true;
  }
  report.parameters[label] = value;
  if (label === "oldest commit" || label === "latest commit") {
    report.boundaryCommitTitle = value.replace(/^\S+\s*/, "") || null;
  } else if (label === "start commit" || label === "HEAD commit") {
    const sha = START_COMMIT.exec(value)?.[1];
    if (sha && (label === "start commit" || !report.startCommit)) report.startCommit = sha;
  } else if (label === "compiler") {
    report.compilers = [value];
  }
  return true;
}
