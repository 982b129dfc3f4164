import { bundledLinuxData } from "../bundled-data.js";
import { type MaintainersFile, parseMaintainers } from "../parse.js";
import { emailToName } from "../subsystem-name.js";
import type { TreeData } from "../tree.js";
import { Coincidence } from "./coincidence.js";
import { inferHierarchy, reduceParents } from "./parents.js";
import { type PathRule, PathMatcher } from "./path-matcher.js";
import { type SyzbotRecord, syzbotRecords } from "./records.js";
import { type SubsystemList, subsystemList, type SyzbotSubsystem } from "./subsystem-list.js";
import { CATCH_ALL_LIST, EXTRA_PARENTS, EXTRA_SUBSYSTEMS, NOT_SUBSYSTEM_LISTS } from "./tables.js";
import { Wildcard } from "./wildcard.js";

/** A subsystem before the tree is consulted: a group of records, named by hand or by its list. */
interface Draft {
  readonly name: string | null;
  readonly lists: readonly string[];
  readonly records: readonly SyzbotRecord[];
}

const lower = (email: string) => email.toLowerCase();

/** groupByRules: the hand-made subsystems, with the records they take out of the list groups. */
function handMade(records: readonly SyzbotRecord[]): { drafts: Draft[]; taken: Set<SyzbotRecord> } {
  const byName = new Map(records.map((record) => [record.name, record]));
  const taken = new Set<SyzbotRecord>();
  const drafts = Object.entries(EXTRA_SUBSYSTEMS).flatMap(([name, sections]) => {
    // syzkaller stops at a section it cannot find; an older or newer MAINTAINERS may lack one.
    const found = sections.flatMap((section) => byName.get(section) ?? []);
    found.forEach((record) => taken.add(record));
    const lists = [...new Set(found.flatMap((record) => record.lists))].sort();
    return found.length === 0 ? [] : [{ name, lists, records: found }];
  });
  return { drafts, taken };
}

/** groupByList: one subsystem per mailing list, of every record naming it. */
function byList(records: readonly SyzbotRecord[]): Draft[] {
  const groups = new Map<string, { list: string; records: SyzbotRecord[] }>();
  for (const record of records) {
    for (const list of record.lists) {
      const group = groups.get(lower(list)) ?? { list, records: [] };
      group.records.push(record);
      groups.set(lower(list), group);
    }
  }
  return [...groups]
    .filter(([key, group]) => !NOT_SUBSYSTEM_LISTS.has(key) && group.records.some((record) => ruleParts(record) > 0))
    .map(([, group]) => ({ name: null, lists: [group.list], records: group.records }));
}

function ruleParts(record: SyzbotRecord): number {
  return record.includes.length + record.regexps.length + record.excludes.length;
}

/** The drafts' path rules, as syzbot has them or with the patterns it drops put back. */
function pathRules(drafts: readonly Draft[], withDropped: boolean): PathRule[] {
  const wildcards = (kept: readonly string[], dropped: readonly string[]) => [...kept, ...(withDropped ? dropped : [])].map((w) => new Wildcard(w));
  return drafts.flatMap((draft, owner) =>
    draft.records
      .map((record) => ({
        owner,
        includes: wildcards(record.includes, record.dropped.includes),
        regexps: record.regexps,
        excludes: wildcards(record.excludes, record.dropped.excludes),
      }))
      .filter((rule) => rule.includes.length + rule.regexps.length + rule.excludes.length > 0),
  );
}

// setSubsystemNames; syzkaller refuses a list that gives no name, this names it by its address.
function nameOf(draft: Draft): string {
  const list = draft.lists[0] ?? "";
  return draft.name ?? (emailToName(list) || lower(list.split("@")[0] as string));
}

/**
 * The subsystems syzbot's generator (syzkaller pkg/subsystem/linux, ListFromRepo) derives
 * from this MAINTAINERS and tree: hand-made subsystems first, then one per mailing list;
 * path rules from F:/X:/N: (Documentation/, scripts/, samples/, tools/ and Makefile
 * patterns dropped); small and duplicate subsystems dropped and parents inferred from the
 * tree's files; names from the list; the hand-kept extra parents.
 * `tree` null: the bundled Linux v7.1.2 file list (data/linux/files.txt.gz).
 *
 * Where syzkaller would stop (a missing named section, a bad address or regexp, two lists
 * giving one name) this keeps going: the names then stand for all their subsystems.
 */
export function buildSubsystemList(file: MaintainersFile | string, tree: TreeData | null): SubsystemList {
  const records = syzbotRecords(typeof file === "string" ? parseMaintainers(file) : file);
  const extra = handMade(records);
  const drafts = [...extra.drafts, ...byList(records.filter((record) => !extra.taken.has(record)))];
  const matcher = new PathMatcher(pathRules(drafts, false));
  const coincidence = new Coincidence(drafts.length, matcher, (tree ?? bundledLinuxData().tree).files);
  const { kept, parents } = inferHierarchy(coincidence, drafts.map((draft) => draft.lists[0] ?? ""));

  const names = drafts.map(nameOf);
  const keptByName = (name: string) => kept.filter((index) => names[index] === name);
  for (const [child, extraParents] of Object.entries(EXTRA_PARENTS)) {
    for (const index of keptByName(child)) {
      const own = parents[index] as number[];
      for (const parent of extraParents.flatMap(keptByName)) if (!own.includes(parent)) own.push(parent);
    }
  }
  reduceParents(parents);

  const subsystems: (SyzbotSubsystem | undefined)[] = drafts.map(() => undefined);
  for (const index of kept) {
    const draft = drafts[index] as Draft;
    subsystems[index] = {
      name: names[index] as string,
      lists: draft.lists,
      parents: (parents[index] as number[]).map((parent) => names[parent] as string),
      files: coincidence.count(index),
      catchAll: draft.lists.some((list) => lower(list) === CATCH_ALL_LIST),
    };
  }
  return subsystemList({ matcher, withDropped: () => new PathMatcher(pathRules(drafts, true)), subsystems, parents });
}
