import { isCommitLine, parseCommitDisplay } from "../fields/commit-display.js";
import { bareCommit, emptyReport } from "../report-builder.js";
import type { Commit, Report } from "../schema.js";
import { fieldAt, isKnownField } from "../syzbot-email/fields.js";
import type { SourceLine } from "../text/source-lines.js";

/**
 * A culprit a person states instead of pasting the log: "This is bisected to: <sha> <subject>",
 * "I bisected to https://git.kernel.org/...?id=<sha>", "- 2c2a2ea4d585 is the first bad commit.",
 * "tracked down the first bad commit to torvalds/linux@<sha>", "The bisect reported ... this
 * commit." above a commit block. A weaker claim than a log: `evidence` says how it was read
 * (`link` for a commit URL, `prose` otherwise).
 */

/** Words that make a sentence about a bisection's result (not `git bisect <verb>` commands). */
const KEYWORD = /(?<!git )\b(?:bisect(?:ed|ion|ing)?|first bad commit|first good commit)\b(?![./_-]\w)/i;
/** `<sha> is the first bad commit` inside a sentence or a list item (git's own line is git's reader's). */
const SHA_IS_FIRST = /(?:^|[\s(*`'"-])([0-9a-f]{7,40})`?\s+is the first (?:bad|new) commit\b/;
/** Commit URLs: GitHub, GitLab (`/-/commit/`), cgit (`commit/?id=`, `&id=`), git.kernel.org's short forms, `owner/repo@sha`. */
const COMMIT_LINK =
  /(?:https?:\/\/[^\s()<>]*?\/commits?\/|https?:\/\/git\.kernel\.org\/[^\s()<>]*?[?&;]id=|https?:\/\/git\.kernel\.org\/(?:linus|torvalds\/c)\/|(?<![\w/])[\w.-]+\/[\w.-]+@)([0-9a-f]{7,40})(?![0-9a-z])/i;
/** A hash standing alone as a word (not inside a URL, an address or a longer word), with a digit and a letter. */
const BARE_SHA = /(?<![\w/.@+=%#<-])(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])([0-9a-f]{7,40})(?![\w/@%>-]|\.[\w.])/;
/** Mail headers and trailers (`Subject:`, `References:`, `Fixes:`): a sentence is none of them. */
const HEADER_LIKE = /^[A-Z][A-Za-z0-9-]*:\s/;
const URL = /https?:\/\/\S+/g;
const MARKDOWN_LINK = /\[[^\]\n]{0,100}\]\(([^)\s]+)\)/g;
/** Words between the keyword and the hash that deny it. */
const NEGATION = /\b(?:not|isn't|wasn't|doesn't|didn't|don't|no|never|unrelated)\b/i;
/** The subject after a hash: `<sha> ("subject")`, `<sha> (subject)`, or the rest of the line after `to: <sha>`. */
const QUOTED_SUBJECT = /^\s*\(\s*"(.+?)"\s*\)/;
const PAREN_SUBJECT = /^\s*\(([^()]{3,200})\)/;
/** A sentence goes on over the next lines of its paragraph, at most this many. */
const MAX_SENTENCE_LINES = 3;
/** "... pointing out to this commit." with the commit shown just below. */
const POINTS_BELOW = /\b(?:this|the following|that|below|the) commit[.:]?\s*$/i;
const COMMIT_LOOKAHEAD = 4;
const MAX_LINE = 4096;

interface Reference {
  sha: string;
  subject: string;
  link: boolean;
}

function isFieldLine(lines: readonly SourceLine[], i: number, text: string): boolean {
  if (HEADER_LIKE.test(text.trim())) return true;
  const field = fieldAt(lines, i, text);
  return field !== null && isKnownField(field.label);
}

/** The sentence starting at lines[i]: the line and the following lines of its paragraph, joined. */
function sentenceAt(lines: readonly SourceLine[], i: number): string {
  const first = lines[i];
  let text = first?.text.trim() ?? "";
  for (let j = i + 1; j < lines.length && j < i + MAX_SENTENCE_LINES; j++) {
    const line = lines[j];
    const t = line?.text.trim() ?? "";
    if (!line || line.block !== first?.block || t === "" || /[.!?]$/.test(text) || isFieldLine(lines, j, t)) break;
    text += ` ${t}`;
  }
  return text;
}

function subjectAfter(rest: string, introduced: boolean): string {
  const quoted = QUOTED_SUBJECT.exec(rest) ?? PAREN_SUBJECT.exec(rest);
  if (quoted) return (quoted[1] ?? "").trim();
  // "bisected to: <sha> <subject>": a hash introduced by a colon is followed by its subject.
  return introduced ? rest.replace(/^[\s,]+/, "").replace(/[\s,]+$/, "") : "";
}

/** The first commit named after the keyword (or before "is the first bad commit"), unless denied. */
function referenceIn(sentence: string): Reference | null {
  const first = SHA_IS_FIRST.exec(sentence);
  if (first) return { sha: (first[1] ?? "").toLowerCase(), subject: "", link: false };
  const keyword = KEYWORD.exec(sentence);
  if (!keyword) return null;
  const after = sentence.slice(keyword.index + keyword[0].length).replace(MARKDOWN_LINK, " $1 ");
  const link = COMMIT_LINK.exec(after);
  const bare = BARE_SHA.exec(after.replace(URL, (url) => " ".repeat(url.length)));
  const found = link && (!bare || link.index <= bare.index) ? { m: link, link: true } : bare ? { m: bare, link: false } : null;
  if (!found) return null;
  const before = after.slice(0, found.m.index);
  if (NEGATION.test(before)) return null;
  const end = found.m.index + found.m[0].length;
  const introduced = !found.link && /:\s*\[?$/.test(before);
  return { sha: (found.m[1] ?? "").toLowerCase(), subject: subjectAfter(after.slice(end).replace(/^\]/, ""), introduced), link: found.link };
}

/** A commit block just below a sentence that points to it. */
function commitBelow(lines: SourceLine[], i: number): Commit | null {
  for (let j = i + 1; j < lines.length && j <= i + COMMIT_LOOKAHEAD; j++) {
    const line = lines[j];
    if (!line) break;
    if (line.text.trim() === "") continue;
    if (!isCommitLine(line.text)) return null;
    return parseCommitDisplay(lines, j, line.blockEnd)?.commit ?? null;
  }
  return null;
}

/** Whether lines[i] may hold such a sentence (cheap: most lines have no keyword). */
export function mayStateCulprit(text: string): boolean {
  if (text.length > MAX_LINE || !(text.includes("isect") || text.includes("ISECT") || text.includes("irst "))) return false;
  return KEYWORD.test(text) || text.includes(" is the first ");
}

/** The culprit stated at lines[i], if the line states one. */
export function parseStatement(lines: SourceLine[], i: number): { report: Report | null; end: number } {
  const line = lines[i];
  const none = { report: null, end: i + 1 };
  if (!line || !mayStateCulprit(line.text) || isFieldLine(lines, i, line.text)) return none;
  const sentence = sentenceAt(lines, i);
  const reference = referenceIn(sentence);
  const below = reference ? null : POINTS_BELOW.test(sentence) && KEYWORD.test(sentence) ? commitBelow(lines, i) : null;
  if (!reference && !below) return none;
  const report = emptyReport("statement", line.line);
  report.outcome = "culprit";
  if (below) report.culprit = below;
  else if (reference) {
    report.culprit = bareCommit(reference.sha, reference.subject);
    report.evidence = reference.link ? "link" : "prose";
  }
  if (/\bfirst good commit\b/i.test(sentence)) report.direction = "fix";
  return { report, end: i + 1 };
}
