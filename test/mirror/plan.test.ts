import { expect, test } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { mirroredBody } from "../../src/mirror/body.js";
import type { DashboardBug } from "../../src/mirror/dashboard-api.js";
import { factsOf } from "../../src/mirror/facts.js";
import { readMarker } from "../../src/mirror/marker.js";
import { bugPagePath, issuePagesToRead, knownIssues, type MirroredIssue, type MirrorInput, type PageRead, planMirror, unknownListed } from "../../src/mirror/plan.js";
import { type BugName, fixturePage, type Stage } from "./bugs.js";
import { SYZBOT } from "./fake-dashboard.js";

/** The plan alone: the dashboard's pages and the repository's issues in, decisions out. */
const CONFIG = { ...DEFAULT_CONFIG.mirror, enabled: true };
interface Listed {
  name: BugName;
  link: string;
  title: string;
}
const NF: Listed = { name: "nf-tables", link: "/bug?extid=0e3358e5ebb1956c271d", title: "general protection fault in nf_tables_dump_tables" };
const MPTCP: Listed = { name: "mptcp", link: "/bug?extid=cd16e79c1e45f3fe0377", title: "WARNING in mptcp_pm_nl_set_flags (2)" };

function page(name: BugName, stage: Stage): PageRead {
  return { ok: true, bug: fixturePage(name, stage) };
}

/** The issue the mirror would have opened for the bug at `stage`. */
function mirrored(number: number, bug: Listed, stage: Stage, open = true): MirroredIssue {
  const facts = factsOf(fixturePage(bug.name, stage), bug.link, null);
  return { number, open, body: mirroredBody(facts, { report: "BUG: x\n", bisection: null }, SYZBOT) };
}

function input(listed: Listed[], issues: MirroredIssue[], pages: [string, PageRead][], config = CONFIG): MirrorInput {
  return { listed: listed.map(({ link, title }) => ({ link, title })), issues, pages: new Map(pages), config };
}

const nfPage = (stage: Stage): [string, PageRead] => [bugPagePath(fixturePage("nf-tables", stage).id), page("nf-tables", stage)];

test("a listed bug without an issue is opened; one with an issue is followed by its id, not its link", () => {
  const plan = planMirror(input([NF], [], [[NF.link, page("nf-tables", "reported")]]));
  expect(plan.open.map((o) => [o.title, o.facts.id, o.facts.link, o.reason])).toEqual([[NF.title, "000713bab9dbbd78de82aebd7a7bd4ba597a60c4", NF.link, "open on the dashboard, no issue yet"]]);
  const issues = [mirrored(1, NF, "reported")];
  expect(unknownListed([NF], knownIssues(issues))).toEqual([]);
  expect(issuePagesToRead(knownIssues(issues))).toEqual(["/bug?id=000713bab9dbbd78de82aebd7a7bd4ba597a60c4"]);
  expect(planMirror(input([NF], issues, [nfPage("reported")]))).toEqual({ open: [], update: [], close: [], skipped: [], waiting: 0 });
});

test("the cap: the other new bugs wait for the next runs", () => {
  const plan = planMirror(input([NF, MPTCP], [], [[NF.link, page("nf-tables", "reported")], [MPTCP.link, page("mptcp", "reported")]], { ...CONFIG, maxOpen: 1 }));
  expect(plan.open.map((o) => o.facts.id)).toEqual(["000713bab9dbbd78de82aebd7a7bd4ba597a60c4"]);
  expect(plan.waiting).toBe(1);
  // Not read yet: waiting too.
  expect(planMirror(input([NF, MPTCP], [], [[NF.link, page("nf-tables", "reported")]], { ...CONFIG, maxOpen: 1 })).waiting).toBe(1);
});

test("a bisection rewrites the body with its reason; a person's edit stops that, not the close", () => {
  const issue = mirrored(1, NF, "reported");
  const plan = planMirror(input([NF], [issue], [nfPage("bisected")]));
  expect(plan.update.map((u) => [u.issue, u.reasons])).toEqual([[1, ["syzbot bisected it to 6001a930ce03 netfilter: nftables: introduce table ownership"]]]);
  const edited = { ...issue, body: `${issue.body}\nOur notes.\n` };
  const skipped = planMirror(input([NF], [edited], [nfPage("bisected")]));
  expect(skipped.update).toEqual([]);
  expect(skipped.skipped.map((s) => s.reason)).toEqual(["a person edited the description, which the mirror leaves as it is (syzbot bisected it to 6001a930ce03 netfilter: nftables: introduce table ownership)"]);
  const closed = planMirror(input([], [edited], [nfPage("fixed")]));
  expect(closed.close.map((c) => [c.issue, c.reasons])).toEqual([
    [1, ["syzbot closed the bug (fixed)", "syzbot knows its fix: netfilter: nf_tables: unlink table before deleting it", "syzbot bisected it to 6001a930ce03 netfilter: nftables: introduce table ownership"]],
  ]);
  const kept = closed.close[0]?.keptBody ?? "";
  expect(kept.endsWith("\nOur notes.\n")).toBe(true);
  // The kept body remembers the close, and stays the person's: the next plan does nothing.
  expect(readMarker(kept)?.marker?.facts.closed).toBe("fixed");
  expect(planMirror(input([], [{ ...edited, body: kept }], [nfPage("fixed")]))).toMatchObject({ update: [], close: [], skipped: [] });
  expect(issuePagesToRead(knownIssues([{ ...edited, body: kept }]))).toEqual([]);
});

test("a closed issue is neither followed nor opened again, whatever its bug does", () => {
  const closed = mirrored(1, NF, "reported", false);
  expect(issuePagesToRead(knownIssues([closed]))).toEqual([]);
  expect(unknownListed([NF], knownIssues([closed]))).toEqual([]);
  const relisted = { ...NF, link: "/bug?extid=1111111111111111aaaa" };
  expect(planMirror(input([relisted], [closed], [[relisted.link, page("nf-tables", "bisected")]]))).toEqual({ open: [], update: [], close: [], skipped: [], waiting: 0 });
});

test("a bug listed under a new link moves its issue's link; a bug closed by the time its page is read is not opened", () => {
  const issue = mirrored(1, NF, "reported");
  const moved = { ...NF, link: "/bug?extid=1111111111111111aaaa" };
  const plan = planMirror(input([moved], [issue], [nfPage("reported"), [moved.link, page("nf-tables", "reported")]]));
  expect(plan.update.map((u) => [u.facts.link, u.reasons])).toEqual([[moved.link, [`the dashboard links it at ${moved.link} now`]]]);
  expect(plan.open).toEqual([]);
  expect(planMirror(input([NF], [], [[NF.link, page("nf-tables", "fixed")]])).open).toEqual([]);
});

test("an unreadable marker and a second issue for one bug are left alone, and no new issue is opened for it", () => {
  const issue = mirrored(1, NF, "reported");
  const damaged = { ...issue, body: issue.body.replace(/ [A-Za-z0-9_-]{20,} -->/, " e30 -->") };
  const plan = planMirror(input([NF], [damaged], [[NF.link, page("nf-tables", "reported")]]));
  expect(plan.open).toEqual([]);
  expect(plan.skipped.map((s) => [s.issue, s.reason])).toEqual([[1, "its marker cannot be read, so the mirror leaves it alone"]]);
  const twice = planMirror(input([], [mirrored(5, NF, "reported"), mirrored(2, NF, "reported")], [nfPage("bisected")]));
  expect(twice.update.map((u) => u.issue)).toEqual([2]);
  expect(twice.skipped.map((s) => [s.issue, s.reason])).toEqual([[5, "an older issue mirrors the same bug"]]);
});

test("a page that cannot be read leaves its issue; syzbot closing a bug without a fix rewrites, never closes", () => {
  const issue = mirrored(1, NF, "reported");
  const failed = planMirror(input([], [issue], [[bugPagePath("000713bab9dbbd78de82aebd7a7bd4ba597a60c4"), { ok: false, error: "HTTP 500" }]]));
  expect(failed).toMatchObject({ update: [], close: [], skipped: [{ issue: 1, reason: "could not read the bug on the dashboard: HTTP 500" }] });
  const dup: DashboardBug = { ...fixturePage("nf-tables", "reported"), status: "closed as dup on 2021/10/01 00:00" };
  const plan = planMirror(input([], [issue], [[bugPagePath(dup.id), { ok: true, bug: dup }]]));
  expect(plan.close).toEqual([]);
  expect(plan.update.map((u) => [u.facts.closed, u.reasons])).toEqual([["dup", ["syzbot closed the bug (dup)"]]]);
});

test("title patterns keep the listed bugs they match", () => {
  const plan = planMirror(input([NF, MPTCP], [], [[NF.link, page("nf-tables", "reported")], [MPTCP.link, page("mptcp", "reported")]], { ...CONFIG, titles: ["WARNING in *"] }));
  expect(plan.open.map((o) => o.title)).toEqual([MPTCP.title]);
});
