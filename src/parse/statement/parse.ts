import { isCommitLine, parseCommitDisplay } from "../fields/commit-display.js";
import { bareCommit, emptyReport } from "../report-builder.js";
import type { Commit, Report } from "../schema.js";
import { fieldAt, isKnownField } from "../syzbot-email/fields.js";
import type { SourceLine } from "../text/source-lines.js";

/**
 * A culprit a person states instead of pasting the log: "This is bisected to: <sha> <subject>",
 * "I bisected to https://git.kernel.org/...?id=<sha>", "- 2c2a2ea4d585 is the first bad commit.",
 * "tracked down the first bad commit to torvalds/linux@<sha>", "The bisect reported ... this
 * commit." or "I bisected it down to:" above a commit block, "The bad commit is:" above a link,
 * "I bisected to the above commit" after the commit was named. A weaker claim than a log:
 * `evidence` says how it was read (`link` for a commit URL, `prose` otherwise).
 *
 * A hash a sentence shows as a range end (`good_revision: <sha>`, `<sha> as bad`, "the last good
 * commit is <sha>") is not its result; the sentence's next hash may be.
 */

/**
 * Words that make a sentence about a bisection's result: not `git bisect <verb>` commands (`git
 * bisect` as a noun is one: "Thanks to `git bisect` I have located ..."), not git's
 * progress line (`Bisecting: 6 revisions left to test`), not "this bisected commit" (which refers
 * back to a result named elsewhere).
 */
const KEYWORD =
  /\b(?:bisecting(?!:\s+(?:\d+ revisions? left|a merge base must))|(?<!\b(?:the|this|that) )bisected(?! commit\b)|bisect(?:s|ion)?(?!\s+(?:start|good|bad|skip|run|log|reset|new|old|replay|visuali[sz]e|view|terms|help|next)\b)|first bad commit|first good commit|bad commit (?:is|was|points))\b(?![./_-]\w)/i;
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
/** Words just before the hash, in its own clause, that deny it ("is not <sha>", "didn't point to <sha>"). */
const NEGATION = /\b(?:not|isn't|wasn't|doesn't|didn't|don't|no|never|unrelated)\b/i;
/** Where a clause ends: the hash's own clause is what follows the last of these. */
const CLAUSE_BREAK = /[;:,.!?]\s|\bbut\b/gi;
/** How many words before the hash a denial may stand; further back it belongs to something else (a commit's subject). */
const NEGATION_WORDS = 5;
/** A range end's label just before the hash: `good_revision: `, `bad: `, "last good commit is", "known good", "start with this revision:". */
const ENDPOINT_BEFORE =
  /(?:(?<!\bfirst[ _-])\b(?:good|bad|old|new)(?:[ _-]?(?:rev(?:ision)?|commit|sha|hash))?\s*[:=]|\b(?:last|known|earliest)[ -](?:known[ -])?good(?:\s+(?:commit|revision|one))?(?:\s+(?:is|was))?\s*:?|\bstart(?:ing)?\s+(?:with|from|at)(?:\s+(?:this|the))?(?:\s+(?:revision|commit))?\s*:?)\s*[`'"([]*$/i;
/** "where HEAD is <sha>": where the bisection started, not what it found (upper case: "the head" is a word). */
const HEAD_BEFORE = /\bHEAD(?:\s+(?:is|was|at|commit))?\s*[:=]?\s*[`'"([]*$/;
/** A range end's label just after the hash (`<sha> as bad`, `<sha> is good`, `<sha> (good)`), or a commit reverted for the test. */
const ENDPOINT_AFTER = /^[`'")\]]*(?:\s+(?:as|is)\s+(?:the\s+)?(?:good|bad|old|new)\b(?!\s+commit)|\s*\((?:good|bad)\)|\s+reverted\b)/i;
/** "the patch <sha> you bisected to": the hash before the keyword, the sentence about someone's bisection of it. */
const SHA_BISECTED_TO = /(?:^|[\s(`'"])([0-9a-f]{7,40})[`'")]?\s+(?:that\s+|which\s+)?(?:you|I|we|they|he|she)\s+(?:have\s+|had\s+)?bisected\s+(?:it\s+)?to\b/i;
/** How many hashes of one sentence are looked at before giving up: sentences stay cheap. */
const MAX_HASHES = 8;
/** The subject after a hash: `<sha> ("subject")`, `<sha> (subject)`, or the rest of the line after `to: <sha>`. */
const QUOTED_SUBJECT = /^\s*\(\s*"(.+?)"\s*\)/;
const PAREN_SUBJECT = /^\s*\(([^()]{3,200})\)/;
/** A sentence goes on over the next lines of its paragraph, at most this many. */
const MAX_SENTENCE_LINES = 3;
/** "... pointing out to this commit." with the commit shown just below. */
const POINTS_BELOW = /\b(?:this|the following|that|below|the) commit[.:]?\s*$/i;
/** What follows the keyword in "I bisected it down to:", a few words and the colon (or comma) that introduces the commit below. */
const INTRODUCES = /^[\w '-]{0,40}[:,]$/;
/** A subject's tag that states the result: `[bisected 6d2ef226]`, `[BISECTED: <sha>]`. */
const SUBJECT_TAG = /^Subject:.*\[bisected:?\s+([0-9a-f]{7,40})\]/i;
const COMMIT_LOOKAHEAD = 4;
const MAX_LINE = 4096;
/** "bisected to the above commit": the commit was named before the sentence (a patch being replied to, the subject). */
const ABOVE = /^\s+(?:(?:it|this|the \w+)\s+)?(?:down\s+)?to\s+the\s+(?:above|previous|(?:afore|above-)?mentioned)\s+(?:commit|patch|change)\b/i;
/** How far above such a sentence its commit may be named, headers included (lines, and characters read: each sentence stays cheap). */
const ABOVE_LOOKBACK = 60;
const ABOVE_MAX_CHARS = 8192;
/** A heading that introduces what should happen ("Expected behavior:", "**Expected result**"): what follows predicts. */
const EXPECTATION = /^\W*expected\b[^.!?]{0,60}$/i;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;
const EXPECTATION_LOOKBACK = 30;

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

/**
 * The sentence starting at lines[i]: the line and the following lines of its paragraph, joined; a
 * sentence that ends in a colon or a comma goes on past one blank line ("...because:", the list below).
 * `last` is the index of its last line before that colon's continuation.
 */
function sentenceAt(lines: readonly SourceLine[], i: number): { text: string; last: number } {
  const first = lines[i];
  let text = first?.text.trim() ?? "";
  let last = i;
  let joined = 1;
  /** Lines joined past the colon's blank line: its first one, then more only while they are list items. */
  let pastBlank: number | null = null;
  for (let j = i + 1; j < lines.length && joined < MAX_SENTENCE_LINES; j++) {
    const line = lines[j];
    const t = line?.text.trim() ?? "";
    if (!line || line.block !== first?.block) break;
    if (t === "") {
      if (pastBlank !== null || !/[:,]$/.test(text)) break;
      pastBlank = 0;
      continue;
    }
    if (pastBlank === null ? /[.!?]$/.test(text) : pastBlank > 0 && !LIST_ITEM.test(t)) break;
    if (isFieldLine(lines, j, t)) break;
    text += ` ${t}`;
    joined++;
    if (pastBlank === null) last = j;
    else if (pastBlank++ === 0 && !LIST_ITEM.test(t)) break;
  }
  return { text, last };
}

function subjectAfter(rest: string, introduced: boolean): string {
  const quoted = QUOTED_SUBJECT.exec(rest) ?? PAREN_SUBJECT.exec(rest);
  if (quoted) return (quoted[1] ?? "").trim();
  // "bisected to: <sha> <subject>": a hash introduced by a colon is followed by its subject.
  return introduced ? rest.replace(/^[\s,]+/, "").replace(/[\s,]+$/, "") : "";
}

/** The words just before a hash that could deny it: its own clause, its last NEGATION_WORDS words. */
function denialWindow(text: string): string {
  let start = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) start = m.index + m[0].length;
  return text.slice(start).split(/\s+/).filter(Boolean).slice(-NEGATION_WORDS).join(" ");
}

interface HashMatch {
  index: number;
  text: string;
  sha: string;
  link: boolean;
}

const COMMIT_LINKS = new RegExp(COMMIT_LINK.source, `${COMMIT_LINK.flags}g`);
const BARE_SHAS = new RegExp(BARE_SHA.source, `${BARE_SHA.flags}g`);

/**
 * The commit URLs and bare hashes of a text (bare ones outside URLs), in order, at most MAX_HASHES
 * of them, found one at a time: most sentences are settled by their first.
 */
class Hashes {
  private readonly masked: string;
  private link: RegExpExecArray | null;
  private bare: RegExpExecArray | null;
  private count = 0;

  constructor(private readonly text: string) {
    this.masked = text.includes("://") ? text.replace(URL, (url) => " ".repeat(url.length)) : text;
    COMMIT_LINKS.lastIndex = 0;
    BARE_SHAS.lastIndex = 0;
    this.link = text.includes("/") ? COMMIT_LINKS.exec(text) : null;
    this.bare = BARE_SHAS.exec(this.masked);
  }

  /** The next hash, or null (each search starts where this text's last one ended: the patterns are shared). */
  next(): HashMatch | null {
    const takeLink = this.link !== null && (this.bare === null || this.link.index <= this.bare.index);
    const m = takeLink ? this.link : this.bare;
    if (!m || this.count++ >= MAX_HASHES) return null;
    if (takeLink) {
      COMMIT_LINKS.lastIndex = m.index + m[0].length;
      this.link = COMMIT_LINKS.exec(this.text);
    } else {
      BARE_SHAS.lastIndex = m.index + m[0].length;
      this.bare = BARE_SHAS.exec(this.masked);
    }
    return { index: m.index, text: m[0], sha: (m[1] ?? "").toLowerCase(), link: takeLink };
  }
}

/** The first commit named after the keyword (or before "is the first bad commit") that is not a range end, unless denied. */
function referenceIn(sentence: string): Reference | "above" | null {
  const first = SHA_IS_FIRST.exec(sentence) ?? SHA_BISECTED_TO.exec(sentence);
  if (first) return { sha: (first[1] ?? "").toLowerCase(), subject: "", link: false };
  const keyword = KEYWORD.exec(sentence);
  if (!keyword) return null;
  const after = sentence.slice(keyword.index + keyword[0].length).replace(MARKDOWN_LINK, " $1 ");
  const hashes = new Hashes(after);
  for (let found = hashes.next(); found; found = hashes.next()) {
    const before = after.slice(0, found.index);
    const end = found.index + found.text.length;
    if (ENDPOINT_BEFORE.test(before) || HEAD_BEFORE.test(before) || ENDPOINT_AFTER.test(after.slice(end))) continue;
    // A question ("Can you bisect the problem?") or a denial claims no result.
    if ((before.includes("?") && before.replace(URL, "").includes("?")) || NEGATION.test(denialWindow(before))) return null;
    const introduced = !found.link && /:\s*\[?$/.test(before);
    return { sha: found.sha, subject: subjectAfter(after.slice(end).replace(/^\]/, ""), introduced), link: found.link };
  }
  return ABOVE.test(after) ? "above" : null;
}

/** The commit named nearest above lines[i] ("bisected to the above commit"), headers included. */
function commitAbove(lines: readonly SourceLine[], i: number): Reference | null {
  let read = 0;
  for (let j = i - 1; j >= 0 && j >= i - ABOVE_LOOKBACK && read < ABOVE_MAX_CHARS; j--) {
    const text = lines[j]?.text ?? "";
    read += text.length;
    if (text.length > MAX_LINE) continue;
    const hashes = new Hashes(text);
    let last: HashMatch | null = null;
    for (let found = hashes.next(); found; found = hashes.next()) last = found;
    if (last) return { sha: last.sha, subject: "", link: last.link };
  }
  return null;
}

/** Whether lines[i] is under an "Expected ..." heading, past list items and blank lines. */
function underExpectation(lines: readonly SourceLine[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - EXPECTATION_LOOKBACK; j--) {
    const text = lines[j]?.text ?? "";
    if (text.trim() === "" || LIST_ITEM.test(text)) continue;
    return EXPECTATION.test(text.trim());
  }
  return false;
}

/** A commit block just below a sentence (whose last line is lines[i]) that points to it. */
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

/** Whether a sentence introduces the commit shown below it ("pointing out to this commit.", "I bisected it down to:"). */
function pointsBelow(sentence: string): boolean {
  if (!/(?:[:.,]|commit)$/.test(sentence)) return false;
  const keyword = KEYWORD.exec(sentence);
  if (!keyword || NEGATION.test(sentence)) return false;
  return POINTS_BELOW.test(sentence) || INTRODUCES.test(sentence.slice(keyword.index + keyword[0].length).trim());
}

/** Whether lines[i] may hold such a sentence (cheap: most lines have no keyword). */
export function mayStateCulprit(text: string): boolean {
  if (text.length > MAX_LINE || !(text.includes("isect") || text.includes("ISECT") || text.includes("irst ") || text.includes("ad commit"))) return false;
  return KEYWORD.test(text) || text.includes(" is the first ");
}

/** The culprit stated at lines[i], if the line states one. */
export function parseStatement(lines: SourceLine[], i: number): { report: Report | null; end: number } {
  const line = lines[i];
  const none = { report: null, end: i + 1 };
  if (!line || !mayStateCulprit(line.text)) return none;
  const tagged = SUBJECT_TAG.exec(line.text);
  if (tagged) return { report: statedBy(line.line, { sha: (tagged[1] ?? "").toLowerCase(), subject: "", link: false }), end: i + 1 };
  if (isFieldLine(lines, i, line.text)) return none;
  const { text: sentence, last } = sentenceAt(lines, i);
  const below = pointsBelow(lines.slice(i, last + 1).map((l) => l.text.trim()).join(" ")) ? commitBelow(lines, last) : null;
  const found = below ? null : referenceIn(sentence);
  const reference = found === "above" ? commitAbove(lines, i) : found;
  const culprit = below ?? reference;
  if (!culprit || underExpectation(lines, i)) return none;
  const report = statedBy(line.line, culprit);
  if (/\bfirst good commit\b/i.test(sentence)) report.direction = "fix";
  return { report, end: i + 1 };
}

/** The report of a culprit stated on `line`: a commit shown below the sentence, or a hash it names. */
function statedBy(line: number, culprit: Commit | Reference): Report {
  const report = emptyReport("statement", line);
  report.outcome = "culprit";
  if ("link" in culprit) {
    report.culprit = bareCommit(culprit.sha, culprit.subject);
    report.evidence = culprit.link ? "link" : "prose";
  } else report.culprit = culprit;
  return report;
}
