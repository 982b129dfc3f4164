import { z } from "zod";
import { Closure, closureOf, type DashboardBug, type DashboardCrash } from "./dashboard-api.js";
import { textRef, type TextTag } from "./dashboard-links.js";

/**
 * What a mirrored issue says about its bug: the facts its body is written from, kept in the body's
 * marker so the next run sees what changed on the dashboard without fetching any text. Only facts
 * worth an edit are here: a bisection, a fix, a reproducer, a closure; never the last crash's time.
 */
const TEXT_ID = z.string().regex(/^[0-9a-f]{1,64}$/).nullable();
const SHORT = z.string().max(300);

/** The crash the issue shows: the ids of its texts and where it happened. */
export const CrashFacts = z.strictObject({
  report: TEXT_ID,
  syz: TEXT_ID,
  c: TEXT_ID,
  config: TEXT_ID,
  tree: SHORT.nullable(),
  commit: SHORT.nullable(),
  compiler: SHORT.nullable(),
});
export type CrashFacts = z.infer<typeof CrashFacts>;

export const CommitFacts = z.strictObject({ title: SHORT, hash: z.string().max(64).nullable(), link: z.string().max(500).nullable() });
export type CommitFacts = z.infer<typeof CommitFacts>;

export const MirrorFacts = z.strictObject({
  /** The dashboard's id of the bug. */
  id: z.string().regex(/^[0-9a-f]{8,64}$/),
  /** Where the dashboard's list links it: `/bug?extid=…` (the extid is in its Reported-by tag). */
  link: z.string().regex(/^\/bug\?(?:extid|id)=[0-9a-f]{1,64}$/),
  crash: CrashFacts.nullable(),
  cause: CommitFacts.nullable(),
  fixes: z.array(CommitFacts).max(20),
  closed: Closure.nullable(),
});
export type MirrorFacts = z.infer<typeof MirrorFacts>;

/** What makes a body worth rewriting, in the order a reader cares. */
export const Change = z.enum(["closed", "fixes", "cause", "crash", "link"]);
export type Change = z.infer<typeof Change>;

function commitFacts(commit: { title: string; hash?: string | undefined; link?: string | undefined }): CommitFacts {
  return { title: commit.title.slice(0, 300), hash: commit.hash?.slice(0, 64) || null, link: commit.link?.slice(0, 500) || null };
}

function textId(link: string | undefined, tag: TextTag): string | null {
  const ref = textRef(link);
  return ref?.tag === tag ? ref.x : null;
}

function crashFacts(crash: DashboardCrash): CrashFacts {
  return {
    report: textId(crash["crash-report-link"], "CrashReport"),
    syz: textId(crash["syz-reproducer"], "ReproSyz"),
    c: textId(crash["c-reproducer"], "ReproC"),
    config: textId(crash["kernel-config"], "KernelConfig"),
    tree: crash["kernel-source-git"]?.slice(0, 300) || null,
    commit: crash["kernel-source-commit"]?.slice(0, 300) || null,
    compiler: crash["compiler-description"]?.slice(0, 300) || null,
  };
}

/** A C reproducer beats a syz one, which beats none. */
function reproRank(crash: CrashFacts | null): number {
  return crash?.c ? 2 : crash?.syz ? 1 : 0;
}

/**
 * The crash to show: the one shown already, unless a crash with a better reproducer came since (the
 * dashboard lists its crashes newest first within a rank, so taking its first each time would rewrite
 * the issue on every new crash).
 */
function chooseCrash(crashes: readonly DashboardCrash[], shown: CrashFacts | null): CrashFacts | null {
  let best: CrashFacts | null = null;
  for (const crash of crashes) {
    const facts = crashFacts(crash);
    if (best === null || reproRank(facts) > reproRank(best)) best = facts;
  }
  return shown && reproRank(shown) >= reproRank(best) ? shown : best;
}

/** The facts of `bug` as its issue should show them, given what it shows now. */
export function factsOf(bug: DashboardBug, link: string, shown: MirrorFacts | null): MirrorFacts {
  const cause = bug["cause-commit"];
  return {
    id: bug.id,
    link,
    crash: chooseCrash(bug.crashes ?? [], shown?.crash ?? null),
    cause: cause?.hash ? commitFacts(cause) : null,
    fixes: (bug["fix-commits"] ?? []).slice(0, 20).map(commitFacts),
    closed: closureOf(bug.status),
  };
}

/** What differs between two sets of facts of one bug. */
export function changes(before: MirrorFacts, after: MirrorFacts): Change[] {
  return Change.options.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
