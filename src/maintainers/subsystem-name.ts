import { type MaintainersFile, valuesOf, type Section } from "./parse.js";
import { CATCH_ALL_LIST, NAME_EXCEPTIONS, NOT_SUBSYSTEM_LISTS } from "./syzbot/tables.js";

/** A short label for a section, after syzbot's subsystem names. */
export interface SubsystemName {
  /** 2–16 characters from the mailing list, or a slug of the section title (up to 30). */
  readonly name: string;
  /** THE REST, or a section whose only lists are generic (lkml): worth naming only when nothing else matches. */
  readonly catchAll: boolean;
}

const CATCH_ALL_NAME = "kernel";

const NAME_PREFIX = "linux-";
const NAME_SUFFIXES = [
  "-devel", "-dev", "-devs", "-developer", "devel", "-user", "-users", "-discussion", "-discuss",
  "-list", "-en", "-bugreport", "list", "-kernel", "-linux", "-general", "-platform",
];

/**
 * syzkaller's emailToName: an exception, or the regexp
 * `^(?:linux-)*(.*?)(?:-devel|-dev|...|-platform)*@.*$` with dots removed. The lazy group ends
 * at the first position from which the rest of the local part is a run of suffixes, found here
 * by a right-to-left word-break pass, linear in the address. Returns "" without an `@`.
 */
export function emailToName(email: string): string {
  const exception = NAME_EXCEPTIONS.get(email.toLowerCase());
  if (exception !== undefined) return exception;
  const at = email.indexOf("@");
  if (at === -1) return "";
  let start = 0;
  while (email.startsWith(NAME_PREFIX, start) && start + NAME_PREFIX.length <= at) start += NAME_PREFIX.length;
  const local = email.slice(start, at);
  // suffixRun[i]: local.slice(i) is made of zero or more suffixes.
  const suffixRun: boolean[] = [];
  suffixRun[local.length] = true;
  for (let i = local.length - 1; i >= 0; i--) {
    suffixRun[i] = NAME_SUFFIXES.some((suffix) => local.startsWith(suffix, i) && suffixRun[i + suffix.length] === true);
  }
  return local.slice(0, suffixRun.indexOf(true)).replaceAll(".", "");
}

// syzkaller's validateName: long names make mail subjects too long.
function isUsableName(name: string): boolean {
  return name.length >= 2 && name.length <= 16;
}

/** The section title as a label: lower case, runs of other characters as one `-`, at most 30 characters. */
export function slugOf(title: string): string {
  let slug = "";
  for (const char of title.toLowerCase()) {
    if (/^[a-z0-9]$/.test(char)) slug += char;
    else if (slug !== "" && !slug.endsWith("-")) slug += "-";
  }
  slug = slug.slice(0, 30);
  return slug.endsWith("-") ? slug.slice(0, -1) : slug;
}

function listsOf(section: Section): string[] {
  return valuesOf(section, "L").map((value) => (value.split(/\s/, 1)[0] as string).toLowerCase());
}

/**
 * The section's most specific list names it: the one the fewest sections of the
 * file share (MPTCP lists netdev and mptcp: it is `mptcp`, not `net`), first in
 * the section on ties. syzbot reaches the same name by grouping sections per list
 * and keeping the child subsystem.
 */
function nameFromLists(lists: readonly string[], use: ReadonlyMap<string, number> | undefined): string | undefined {
  const candidates = lists
    .filter((list) => list !== CATCH_ALL_LIST && !NOT_SUBSYSTEM_LISTS.has(list))
    .map((list) => ({ list, name: emailToName(list), use: use?.get(list) ?? 0 }))
    .filter((c) => isUsableName(c.name));
  candidates.sort((a, b) => a.use - b.use);
  return candidates[0]?.name;
}

function nameSection(section: Section): SubsystemName {
  const lists = listsOf(section);
  if (section.name === "THE REST" || (lists.length > 0 && lists.every((list) => list === CATCH_ALL_LIST))) {
    return { name: CATCH_ALL_NAME, catchAll: true };
  }
  return { name: nameFromLists(lists, listUse.get(section)) ?? slugOf(section.name), catchAll: false };
}

const names = new WeakMap<Section, SubsystemName>();
const listUse = new WeakMap<Section, ReadonlyMap<string, number>>();

/** Notes how many sections of a file share each list, so names can prefer the most specific list. */
export function rememberListUse(file: MaintainersFile): void {
  for (const section of file.sections) listUse.set(section, file.listUse);
}

/**
 * Names a section from its first mailing list that stands for a subsystem (not lkml, not one of
 * syzkaller's non-subsystem lists, giving a 2–16 character name), else from its title. THE REST
 * and sections whose lists are all generic are catch-all, named "kernel".
 */
export function subsystemName(section: Section): SubsystemName {
  let name = names.get(section);
  if (name === undefined) {
    name = nameSection(section);
    names.set(section, name);
  }
  return name;
}
