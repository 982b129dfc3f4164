import type { Commit, DiffstatEntry } from "../schema.js";
import type { SourceLine } from "../text/source-lines.js";
import { parseNameAddress } from "./address-list.js";
import { isDiffStart, parseDiff } from "./diff.js";
import { expandAbbreviated, parseDiffstatLine } from "./diffstat.js";
import { parseGitDate } from "./git-date.js";

/**
 * A commit as git shows it (`git show --stat`, `diff-tree --pretty --raw`,
 * syzbot's shortened form in emails):
 *
 *   commit <sha>
 *   Merge: <p1> <p2>
 *   Author: Name <email>
 *   Date:   Thu Oct 1 23:48:41 2020 +0800
 *
 *       subject
 *
 *       body and trailers
 *
 *    path | 12 +++---
 *    1 file changed, ...
 */
const COMMIT = /^commit ([0-9a-f]{7,40})(?: \(.*\))?$/;
// `git tree:` sits among the headers in syzbot's fix-candidate emails.
const HEADER = /^(Merge|Author|AuthorDate|Commit|CommitDate|Date|git tree):\s*(.*)$/;
const TRAILER = /^([A-Za-z][A-Za-z-]{0,40}-by|Cc):\s*(.+)$/;
const MAX_MESSAGE_LINES = 2000;
/** git indents the message by 4 and the file list by 1; 2 tells them apart even when a paste ate a space. */
const MESSAGE_INDENT = 2;

/** git's own merge subjects; a culprit known only by its subject (syzbot's email, a prose result) is a merge by it. */
const MERGE_SUBJECT = /^Merge (?:tag|branch|branches|remote-tracking branch|commit|git:\/\/|https?:\/\/|'|")/;

export function isMergeSubject(subject: string): boolean {
  return MERGE_SUBJECT.test(subject);
}

export interface CommitDisplay {
  commit: Commit;
  /** The commit message body without the subject, for trailer and tag lookups. */
  body: string[];
  /** Index of the first line after the display. */
  end: number;
}

function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  return i;
}

/** The kernel's way of naming a commit in prose and trailers: `<12 hex> ("subject")`. */
const REFERENCE = /^([0-9a-f]{8,40}) \("(.+)"\)$/;

/** A commit named as `<sha> ("subject")` on a line of its own. */
export function parseCommitReference(text: string): { sha: string; subject: string } | null {
  const m = REFERENCE.exec(text.trim());
  return m ? { sha: m[1] ?? "", subject: m[2] ?? "" } : null;
}

export function isCommitLine(text: string): boolean {
  return COMMIT.test(text.trim());
}

/** Parses a commit display starting at `lines[start]` (the `commit <sha>` line). */
export function parseCommitDisplay(lines: SourceLine[], start: number, limit: number): CommitDisplay | null {
  const first = lines[start];
  if (!first) return null;
  const head = COMMIT.exec(first.text.trim());
  if (!head) return null;
  const sha = head[1] ?? "";
  const base = indentOf(first.text);
  let i = start + 1;
  let author: Commit["author"] = null;
  let date: string | null = null;
  let parents: string[] = [];
  for (; i < limit; i++) {
    const m = HEADER.exec((lines[i]?.text ?? "").trim());
    if (!m) break;
    const value = m[2] ?? "";
    if (m[1] === "Merge") parents = value.split(/\s+/).filter((p) => /^[0-9a-f]{7,40}$/.test(p));
    else if (m[1] === "Author") author = parseNameAddress(value) ?? (value ? { name: value, email: "" } : null);
    else if (m[1] === "Date" || m[1] === "AuthorDate") date = parseGitDate(value);
  }

  // Message: the lines indented deeper than the `commit` line. A shallower line
  // right after a message line is that line hard-wrapped; after a blank line it
  // is the file list.
  const message: string[] = [];
  while (i < limit && (lines[i]?.text.trim() ?? "") === "") i++;
  for (; i < limit && message.length < MAX_MESSAGE_LINES; i++) {
    const text = lines[i]?.text ?? "";
    if (text.trim() === "") {
      message.push("");
      continue;
    }
    const previousBlank = message.length === 0 || message[message.length - 1] === "";
    const shallower = indentOf(text) < base + MESSAGE_INDENT;
    if (shallower && (previousBlank || parseDiffstatLine(text))) break;
    // A message line a mail client wrapped after a space (format=flowed) goes on, unindented.
    if (shallower && (lines[i - 1]?.text ?? "").endsWith(" ")) {
      message[message.length - 1] += ` ${text.trim()}`;
      continue;
    }
    message.push(text.trim());
  }
  while (message.length > 0 && message[message.length - 1] === "") message.pop();
  // Pasted text may have lost its indentation: then the subject is the first line.
  if (message.length === 0 && i < limit && !parseDiffstatLine(lines[i]?.text ?? "")) {
    message.push((lines[i]?.text ?? "").trim());
    i++;
  }

  const entries: DiffstatEntry[] = [];
  const summaryPaths: string[] = [];
  let patchAt = i;
  while (patchAt < limit && (lines[patchAt]?.text.trim() ?? "") === "") patchAt++;
  if (patchAt < limit && isDiffStart(lines[patchAt]?.text ?? "")) {
    // The patch itself instead of a diffstat.
    const patch = parseDiff(lines, patchAt, limit);
    entries.push(...patch.entries);
    i = patch.end;
  }
  const fromPatch = entries.length > 0;
  for (; !fromPatch && i < limit; i++) {
    const text = lines[i]?.text ?? "";
    if (text.trim() === "") {
      if (entries.length > 0) break;
      continue;
    }
    let parsed = parseDiffstatLine(text);
    // A raw line (`:040000 040000 <sha> <sha> M<TAB>dir`) is long enough to be hard-wrapped once.
    if (!parsed && text.trimStart().startsWith(":") && i + 1 < limit) {
      parsed = parseDiffstatLine(`${text.trim()} ${lines[i + 1]?.text.trim() ?? ""}`);
      if (parsed) i++;
    }
    if (!parsed) {
      // The +/- graph of a long stat line, hard-wrapped onto its own line.
      if (entries.length > 0 && /^[+-]+$/.test(text.trim())) continue;
      break;
    }
    if (parsed.kind === "file") entries.push(parsed.entry);
    else if (parsed.kind === "summary") summaryPaths.push(parsed.path);
  }
  // The blank line git prints after the display belongs to it.
  if (i < limit && (lines[i]?.text.trim() ?? "") === "" && entries.length > 0) i++;

  const diffstat = expandAbbreviated(entries, summaryPaths);
  const subject = message[0] ?? "";
  const body = message.slice(1);
  return {
    commit: {
      sha,
      subject,
      author,
      date,
      files: diffstat.map((e) => e.path),
      diffstat,
      // `git show` prints a Merge: line for every merge; syzbot's emails print none.
      merge: parents.length > 1 || (parents.length === 0 && isMergeSubject(subject)),
      parents,
      trailers: parseTrailers(body),
    },
    body,
    end: i,
  };
}

function parseTrailers(body: string[]): Commit["trailers"] {
  const out: Commit["trailers"] = [];
  for (const line of body) {
    const m = TRAILER.exec(line);
    if (!m) continue;
    const addr = parseNameAddress(m[2] ?? "");
    if (addr) out.push({ tag: m[1] ?? "", name: addr.name, email: addr.email.toLowerCase() });
  }
  return out;
}
