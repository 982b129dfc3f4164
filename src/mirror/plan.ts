import type { Config } from "../config/schema.js";
import { closureOf, type DashboardBug } from "./dashboard-api.js";
import { bugLink } from "./dashboard-links.js";
import { type Change, changes, factsOf, type MirrorFacts } from "./facts.js";
import { belowMarker, digestOf, markerLine, type MirrorMarker, readMarker } from "./marker.js";
import { titleMatches } from "./title-pattern.js";

/**
 * The mirror's decisions, pure: from the dashboard's open bugs and pages and the issues the app
 * opened before, which issues to open, which bodies to rewrite, which issues to close, each with its
 * reasons. Nothing a person did is undone: a closed issue stays closed and untouched, a body a person
 * edited is not rewritten (a fix still closes the issue), labels are never the mirror's business.
 */
export type MirrorConfig = Config["mirror"];

/** An issue the app opened (its own authorship is checked where it is listed). */
export interface MirroredIssue {
  number: number;
  open: boolean;
  body: string;
}

/** A bug on the dashboard's open list. */
export interface ListedBug {
  title: string;
  link: string;
}

export type PageRead = { ok: true; bug: DashboardBug } | { ok: false; error: string };

export interface MirrorInput {
  /** The dashboard's open bugs (filtered by subsystem and reproducer there), in its order. */
  listed: readonly ListedBug[];
  issues: readonly MirroredIssue[];
  /** The bug pages read, by their path (`/bug?id=…` for the issues' bugs, the list's link for the others). */
  pages: ReadonlyMap<string, PageRead>;
  config: MirrorConfig;
}

export interface OpenIssue {
  title: string;
  facts: MirrorFacts;
  reason: string;
}

export interface UpdateIssue {
  issue: number;
  facts: MirrorFacts;
  /** The body the decision was made from: the writer checks it is still the issue's. */
  read: string;
  reasons: string[];
}

export interface CloseIssue {
  issue: number;
  facts: MirrorFacts;
  /**
   * The body to close with when a person edited it: theirs, under a marker with the new facts (and the
   * old digest: it stays theirs), so the close is remembered. Null: the mirror writes the body afresh.
   */
  keptBody: string | null;
  read: string;
  reasons: string[];
}

export interface SkippedIssue {
  issue: number | null;
  bug: string;
  reason: string;
}

export interface MirrorPlan {
  open: OpenIssue[];
  update: UpdateIssue[];
  close: CloseIssue[];
  skipped: SkippedIssue[];
  /** Listed bugs left for later runs by the cap (at most: some may turn out to have an issue under another link). */
  waiting: number;
}

const WORDS: Record<Change, (facts: MirrorFacts) => string> = {
  closed: (f) => `syzbot closed the bug (${f.closed ?? "reopened"})`,
  fixes: (f) => (f.fixes.length > 0 ? `syzbot knows its fix: ${f.fixes.map((c) => c.title).join("; ")}` : "syzbot no longer names a fix"),
  cause: (f) => (f.cause ? `syzbot bisected it to ${f.cause.hash?.slice(0, 12) ?? ""} ${f.cause.title}` : "syzbot withdrew its bisection"),
  crash: (f) => (f.crash?.c ? "a crash with a C reproducer" : "a crash with a syz reproducer"),
  link: (f) => `the dashboard links it at ${f.link} now`,
};

/** The listed bugs `mirror.titles` keeps. */
export function keptBugs(listed: readonly ListedBug[], config: MirrorConfig): ListedBug[] {
  return config.titles.length === 0 ? [...listed] : listed.filter((b) => config.titles.some((p) => titleMatches(p, b.title)));
}

export function bugPagePath(id: string): string {
  return `/bug?id=${id}`;
}

/** An issue of the app's with a mirror marker: the bug it names, and the marker when it can be read. */
export interface KnownIssue {
  issue: MirroredIssue;
  id: string;
  marker: MirrorMarker | null;
}

/** The app's issues by the bug their marker names; the lowest number first (a second one is a stray). Each marker is read here once. */
export function knownIssues(issues: readonly MirroredIssue[]): KnownIssue[] {
  return issues
    .flatMap((issue) => {
      const read = readMarker(issue.body);
      return read ? [{ issue, id: read.id, marker: read.marker }] : [];
    })
    .sort((a, b) => a.issue.number - b.issue.number);
}

/** Issues whose bug may still change on the dashboard: open ones whose bug syzbot had not closed yet. */
function followed(known: KnownIssue): boolean {
  return known.issue.open && known.marker !== null && known.marker.facts.closed === null;
}

/** The bug pages the issues need read: one per followed issue. */
export function issuePagesToRead(known: readonly KnownIssue[]): string[] {
  return [...new Set(known.filter(followed).map((k) => bugPagePath(k.id)))];
}

/** The listed bugs whose page must be read to know whether they have an issue: those no issue's marker links. */
export function unknownListed(listed: readonly ListedBug[], known: readonly KnownIssue[]): ListedBug[] {
  const links = new Set(known.flatMap((k) => (k.marker ? [k.marker.facts.link] : [])));
  return listed.filter((b) => bugLink(b.link) !== null && !links.has(b.link));
}

/** The bugs the app's issues mirror, open or closed: none of them gets a second issue. */
export function mirroredBugs(known: readonly KnownIssue[]): Set<string> {
  return new Set(known.map((k) => k.id));
}

/** Whether a listed bug's page shows a bug that needs an issue: open on the dashboard and mirrored nowhere. */
export function isNewBug(page: PageRead | undefined, mirrored: ReadonlySet<string>): boolean {
  return page?.ok === true && closureOf(page.bug.status) === null && !mirrored.has(page.bug.id);
}

function decideIssue(known: KnownIssue, bug: DashboardBug, link: string, plan: MirrorPlan): void {
  const marker = known.marker as MirrorMarker;
  const facts = factsOf(bug, link, marker.facts);
  const changed = changes(marker.facts, facts);
  if (changed.length === 0) return;
  const reasons = changed.map((c) => WORDS[c](facts));
  const edited = marker.digest !== digestOf(belowMarker(known.issue.body));
  if (facts.closed === "fixed") {
    const keptBody = edited ? `${markerLine({ facts, digest: marker.digest })}\n${belowMarker(known.issue.body)}` : null;
    plan.close.push({ issue: known.issue.number, facts, keptBody, read: known.issue.body, reasons });
  } else if (edited) {
    plan.skipped.push({ issue: known.issue.number, bug: known.id, reason: `a person edited the description, which the mirror leaves as it is (${reasons.join("; ")})` });
  } else plan.update.push({ issue: known.issue.number, facts, read: known.issue.body, reasons });
}

export function planMirror(input: MirrorInput): MirrorPlan {
  const plan: MirrorPlan = { open: [], update: [], close: [], skipped: [], waiting: 0 };
  const known = knownIssues(input.issues);
  // A listed bug whose page names a bug an issue follows under another link: the issue's link moves.
  const unknown = unknownListed(keptBugs(input.listed, input.config), known);
  const relinked = new Map<string, string>();
  for (const listed of unknown) {
    const page = input.pages.get(listed.link);
    if (page?.ok) relinked.set(page.bug.id, listed.link);
  }
  const seen = new Set<string>();
  for (const k of known) {
    if (seen.has(k.id)) {
      if (k.issue.open) plan.skipped.push({ issue: k.issue.number, bug: k.id, reason: "an older issue mirrors the same bug" });
      continue;
    }
    seen.add(k.id);
    if (k.issue.open && k.marker === null) plan.skipped.push({ issue: k.issue.number, bug: k.id, reason: "its marker cannot be read, so the mirror leaves it alone" });
    if (!followed(k) || k.marker === null) continue;
    const page = input.pages.get(bugPagePath(k.id));
    if (!page) continue;
    if (!page.ok) plan.skipped.push({ issue: k.issue.number, bug: k.id, reason: `could not read the bug on the dashboard: ${page.error}` });
    else decideIssue(k, page.bug, relinked.get(k.id) ?? k.marker.facts.link, plan);
  }
  for (const listed of unknown) {
    const page = input.pages.get(listed.link);
    if (page === undefined) {
      plan.waiting++;
      continue;
    }
    if (!page.ok) plan.skipped.push({ issue: null, bug: listed.link, reason: `could not read the bug on the dashboard: ${page.error}` });
    else if (isNewBug(page, seen)) {
      seen.add(page.bug.id);
      if (plan.open.length >= input.config.maxOpen) plan.waiting++;
      else plan.open.push({ title: page.bug.title || listed.title, facts: factsOf(page.bug, listed.link, null), reason: "open on the dashboard, no issue yet" });
    }
  }
  return plan;
}
