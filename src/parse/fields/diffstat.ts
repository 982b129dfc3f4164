import type { DiffstatEntry } from "../schema.js";

/**
 * The file part of a git commit display: `--stat` lines (` path | 12 +++--`),
 * the totals line, `--summary` lines and pre-2.22 `--raw` lines.
 */
export type DiffstatLine =
  | { kind: "file"; entry: DiffstatEntry }
  | { kind: "total" }
  | { kind: "summary"; path: string };

const COUNT = /^(\d+)(?: [+-]*)?$/;
const BINARY = /^Bin(?: \d+ -> \d+ bytes)?$/;
const TOTAL = /^\d+ files? changed(?:, \d+ insertions?\(\+\))?(?:, \d+ deletions?\(-\))?$/;
const SUMMARY = /^(?:create|delete) mode \d{6} (.+)$/;
const RENAME_SUMMARY = /^(?:rename|copy) (.+) \(\d+%\)$/;
const MODE_CHANGE = /^mode change \d{6} => \d{6} (.+)$/;
const RAW = /^:(\d{6}) (\d{6}) [0-9a-f]{7,40}(?:\.\.\.)? [0-9a-f]{7,40}(?:\.\.\.)? ([A-Z])\d*\s+(\S.*)$/;

/** Resolves git's rename notation to the new path: `a/{b => c}/d` -> `a/c/d`, `x => y` -> `y`. */
function renamedPath(path: string): string {
  const open = path.indexOf("{");
  const arrow = path.indexOf(" => ");
  if (arrow < 0) return path;
  const close = path.indexOf("}", arrow);
  if (open >= 0 && open < arrow && close > arrow) {
    const joined = path.slice(0, open) + path.slice(arrow + 4, close) + path.slice(close + 1);
    return joined.replace(/\/\/+/g, "/");
  }
  return path.slice(arrow + 4);
}

export function parseDiffstatLine(text: string): DiffstatLine | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 4096) return null;
  if (t[0] === ":") {
    const raw = RAW.exec(t);
    if (!raw) return null;
    const directory = raw[2] === "040000" || raw[1] === "040000";
    const path = raw[4] ?? "";
    return { kind: "file", entry: { path: directory ? `${path}/` : path, lines: null, abbreviated: false, directory } };
  }
  const bar = t.lastIndexOf(" | ");
  if (bar > 0) {
    const right = t.slice(bar + 3).trim();
    const count = COUNT.exec(right);
    if (!count && !BINARY.test(right)) return null;
    const left = t.slice(0, bar).trim();
    const abbreviated = left.startsWith(".../");
    return {
      kind: "file",
      entry: { path: renamedPath(left), lines: count ? Number(count[1]) : null, abbreviated, directory: false },
    };
  }
  if (TOTAL.test(t)) return { kind: "total" };
  const summary = SUMMARY.exec(t) ?? RENAME_SUMMARY.exec(t) ?? MODE_CHANGE.exec(t);
  if (summary) return { kind: "summary", path: renamedPath(summary[1] ?? "") };
  return null;
}

/**
 * Replaces `.../tail` paths by the full path when a `--summary` line or another
 * source names exactly one path with that tail.
 */
export function expandAbbreviated(entries: DiffstatEntry[], knownPaths: string[]): DiffstatEntry[] {
  return entries.map((entry) => {
    if (!entry.abbreviated) return entry;
    const tail = entry.path.slice(3);
    const matches = knownPaths.filter((p) => p.endsWith(tail));
    const only = matches.length === 1 ? matches[0] : undefined;
    return only ? { ...entry, path: only, abbreviated: false } : entry;
  });
}
