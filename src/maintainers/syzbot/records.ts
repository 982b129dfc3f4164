import type { MaintainersFile } from "../parse.js";
import { DROPPED_PATTERN } from "./tables.js";

/** A MAINTAINERS section as syzkaller's generator reads it (pkg/subsystem/linux/maintainers.go). */
export interface SyzbotRecord {
  /** The header line, trimmed. */
  readonly name: string;
  /** F: wildcards, less those under DROPPED_PATTERN. */
  readonly includes: readonly string[];
  /** X: wildcards, less those under DROPPED_PATTERN. */
  readonly excludes: readonly string[];
  /** The F: and X: wildcards under DROPPED_PATTERN, which syzbot leaves out on purpose. */
  readonly dropped: { readonly includes: readonly string[]; readonly excludes: readonly string[] };
  /** N: regexps, none dropped (RE2 syntax for syzkaller; one JavaScript cannot compile is left out). */
  readonly regexps: readonly RegExp[];
  /** L: addresses as written (syzkaller's grouping key, compared lower-cased here). */
  readonly lists: readonly string[];
}

/**
 * The address of an L: value as Go's mail.ParseAddress gets it after syzkaller's clean-up:
 * up to the last `>` or `)`, from the last `<`. "" when there is no address.
 */
export function listAddress(value: string): string {
  const open = value.lastIndexOf("<");
  const close = value.indexOf(">", open);
  const address = open === -1 ? (value.split(/\s/, 1)[0] as string) : value.slice(open + 1, close === -1 ? undefined : close);
  return address.includes("@") ? address : "";
}

function compiled(regexp: string): RegExp[] {
  try {
    return [new RegExp(regexp)];
  } catch {
    return [];
  }
}

/**
 * The records of a parsed MAINTAINERS. syzkaller's own lexer reads the same sections from
 * Linux's file (a tag line needs a space after the colon there, `#` lines are titles); it
 * fails on an address or N: regexp it cannot parse, where this leaves out only that line.
 */
export function syzbotRecords(file: MaintainersFile): SyzbotRecord[] {
  return file.sections.map((section) => {
    const values = (tag: string) => section.entries.filter((entry) => entry.tag === tag).map((entry) => entry.value.trim());
    const kept = (tag: string, drop: boolean) => values(tag).filter((pattern) => DROPPED_PATTERN.test(pattern) === drop);
    return {
      name: section.name.trim(),
      includes: kept("F", false),
      excludes: kept("X", false),
      dropped: { includes: kept("F", true), excludes: kept("X", true) },
      regexps: values("N").flatMap(compiled),
      lists: values("L").map(listAddress).filter((address) => address !== ""),
    };
  });
}
