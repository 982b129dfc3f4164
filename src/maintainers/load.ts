import { parseDirectoryList } from "./directory.js";
import { parseMailmap } from "./mailmap.js";
import { buildIndex, type MaintainersIndex, type SectionMatch } from "./match.js";
import { parseMaintainers, valuesOf, type Section } from "./parse.js";
import { collectRecipients, type Recipients } from "./people.js";

/** File contents to build from: MAINTAINERS, and optionally .mailmap and a directory list (dirs.txt). */
export interface MaintainersSources {
  readonly maintainers: string;
  readonly mailmap?: string;
  readonly directories?: string;
}

/** A matched section with its S: status (several S: lines joined with ", "; "" without one). */
export interface SectionReport extends SectionMatch {
  readonly status: string;
}

/** What `get_maintainer.pl -f PATH` reports for one path. */
export interface PathMaintainers extends Recipients {
  readonly path: string;
  readonly sections: readonly SectionReport[];
}

export interface Maintainers {
  readonly index: MaintainersIndex;
  /** Milliseconds spent parsing and indexing. */
  readonly buildMs: number;
  /** The sections claiming a path, best first. */
  match(path: string): SectionMatch[];
  lookup(path: string): PathMaintainers;
  /**
   * What one `get_maintainer.pl -f A -f B ...` run reports: each path's sections in turn
   * (listed once), people and lists gathered across all of them.
   */
  lookupAll(paths: readonly string[]): Recipients & { readonly sections: readonly Section[] };
  /** Whether an address is a mailing list of some section (an `L:` line): a list is never a person to mention. */
  isList(email: string): boolean;
}

/** Every `L:` address of the file, lower case. */
function listAddresses(sections: readonly Section[]): Set<string> {
  const out = new Set<string>();
  for (const section of sections) for (const value of valuesOf(section, "L")) out.add((value.split(/\s/, 1)[0] ?? "").toLowerCase());
  return out;
}

/**
 * The repo-relative path get_maintainer.pl matches: `./` and empty segments removed (its
 * canonpath), and a trailing `/` added for a known directory as the script does for `-f DIR`.
 */
function canonicalPath(path: string, isDirectory: ((path: string) => boolean) | undefined): string {
  const segments = path.split("/").filter((segment) => segment !== "" && segment !== ".");
  const joined = segments.join("/");
  return path.endsWith("/") || isDirectory?.(joined) ? joined + "/" : joined;
}

function build(sources: MaintainersSources): Maintainers {
  const started = performance.now();
  const directorySet = sources.directories === undefined ? undefined : parseDirectoryList(sources.directories);
  const isDirectory = directorySet && ((path: string) => directorySet.has(path));
  const index = buildIndex(parseMaintainers(sources.maintainers), { isDirectory });
  const mailmap = sources.mailmap === undefined ? undefined : parseMailmap(sources.mailmap);
  const buildMs = performance.now() - started;

  const match = (path: string) => index.match(canonicalPath(path, isDirectory));
  let lists: Set<string> | undefined;
  return {
    index,
    buildMs,
    match,
    lookup(path) {
      const matches = match(path);
      const sections = matches.map((found) => ({ ...found, status: valuesOf(found.section, "S").join(", ") }));
      return { path, sections, ...collectRecipients(matches.map((found) => found.section), mailmap) };
    },
    lookupAll(paths) {
      const sections = paths.flatMap((path) => match(path).map((found) => found.section));
      return { sections: [...new Set(sections)], ...collectRecipients(sections, mailmap) };
    },
    isList(email) {
      lists ??= listAddresses(index.sections);
      return lists.has(email.toLowerCase());
    },
  };
}

// Built indexes by source text, most recent last: a caller that re-reads the same files
// (e.g. the app on every event) reuses the index instead of rebuilding it.
const recent: { sources: MaintainersSources; maintainers: Maintainers }[] = [];
const RECENT_LIMIT = 4;

function sameSources(a: MaintainersSources, b: MaintainersSources): boolean {
  return a.maintainers === b.maintainers && a.mailmap === b.mailmap && a.directories === b.directories;
}

/** Parses and indexes the files once per distinct content; later calls with equal text reuse it. */
export function loadMaintainers(sources: MaintainersSources): Maintainers {
  const position = recent.findIndex((entry) => sameSources(entry.sources, sources));
  const entry = position === -1 ? { sources, maintainers: build(sources) } : recent.splice(position, 1)[0]!;
  recent.push(entry);
  if (recent.length > RECENT_LIMIT) recent.shift();
  return entry.maintainers;
}
