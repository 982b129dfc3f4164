import { reachableParents } from "./parents.js";
import type { PathMatcher } from "./path-matcher.js";

/** One subsystem of the list, as syzkaller's generated lists/linux.go holds it. */
export interface SyzbotSubsystem {
  readonly name: string;
  /** Its mailing list (a group of sections sharing it), or the lists of its named sections. */
  readonly lists: readonly string[];
  /** Direct parents' names. */
  readonly parents: readonly string[];
  /** Counted tree files it owns; the more specific of two names comes first. */
  readonly files: number;
  /** `kernel`, the list of THE REST: it owns every path. */
  readonly catchAll: boolean;
}

/** The subsystems syzbot would give paths, derived from one MAINTAINERS and a tree. */
export interface SubsystemList {
  /** Every name, sorted. */
  readonly names: readonly string[];
  readonly subsystems: readonly SyzbotSubsystem[];
  /**
   * syzbot's set for a path: every subsystem owning it that is not an ancestor of another
   * (PathMatcher.Match, then removeParents); the most specific (fewest files) first.
   */
  match(path: string): string[];
  /**
   * The same with the patterns syzbot drops on purpose put back (Documentation/, scripts/,
   * samples/, tools/, Makefiles): what it would say of a culprit file there.
   */
  matchWithDropped(path: string): string[];
  /** Every ancestor's name, the most specific first; [] for an unknown name. */
  ancestors(name: string): string[];
  isCatchAll(name: string): boolean;
}

export interface ListParts {
  readonly matcher: PathMatcher;
  /** The matcher with the dropped patterns, made when first needed. */
  readonly withDropped: () => PathMatcher;
  /** By matcher owner index; undefined for subsystems that were dropped. */
  readonly subsystems: readonly (SyzbotSubsystem | undefined)[];
  readonly parents: readonly (readonly number[])[];
}

/** Builds the list from the subsystems that survived, indexed as the matcher's owners. */
export function subsystemList({ matcher, withDropped, subsystems, parents }: ListParts): SubsystemList {
  const byName = new Map<string, number[]>();
  subsystems.forEach((subsystem, index) => {
    if (subsystem !== undefined) byName.set(subsystem.name, [...(byName.get(subsystem.name) ?? []), index]);
  });
  const ancestorIndexes = parents.map((_, index) => reachableParents(parents, index));
  const kept = subsystems.filter((subsystem): subsystem is SyzbotSubsystem => subsystem !== undefined);
  const specificFirst = (a: SyzbotSubsystem, b: SyzbotSubsystem) => a.files - b.files || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

  let fullMatcher: PathMatcher | undefined;
  // removeParents over the owners that survived, named.
  function withoutParents(from: PathMatcher, path: string): string[] {
    const owners = from.match(path).filter((index) => subsystems[index] !== undefined);
    const implied = new Set(owners.flatMap((index) => [...(ancestorIndexes[index] ?? [])]));
    const found = owners.filter((index) => !implied.has(index)).map((index) => subsystems[index] as SyzbotSubsystem);
    return [...new Set(found.sort(specificFirst).map((subsystem) => subsystem.name))];
  }

  return {
    names: [...byName.keys()].sort(),
    subsystems: [...kept].sort(specificFirst),
    match: (path) => withoutParents(matcher, path),
    matchWithDropped: (path) => withoutParents((fullMatcher ??= withDropped()), path),
    ancestors(name) {
      const found = (byName.get(name) ?? []).flatMap((index) => [...(ancestorIndexes[index] ?? [])]);
      return [...new Set(found.map((index) => subsystems[index] as SyzbotSubsystem).sort(specificFirst).map((s) => s.name))];
    },
    isCatchAll: (name) => (byName.get(name) ?? []).some((index) => (subsystems[index] as SyzbotSubsystem).catchAll),
  };
}
