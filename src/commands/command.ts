/**
 * The commands a maintainer can write in an issue comment, in syzbot's syntax,
 * and the limits on their arguments. The limits keep the state the app stores in
 * its own comment small, and subsystem names usable in label names.
 */
export type Command =
  | { kind: "set-subsystems"; line: number; subsystems: string[] }
  /** `target` is a crash title, or "#123" for an issue of this repository (then `issue` is 123). */
  | { kind: "dup"; line: number; target: string; issue: number | null }
  | { kind: "undup"; line: number }
  | { kind: "invalid"; line: number }
  | { kind: "fix"; line: number; title: string }
  | { kind: "retriage"; line: number }
  /** A syzbot command this app does not carry out (`#syz test`, `#syz set prio: low`, ...). */
  | { kind: "unsupported"; line: number; word: string }
  | { kind: "unknown"; line: number; word: string }
  /** A known command with bad arguments; `message` is short and says what is wrong. */
  | { kind: "error"; line: number; word: string; message: string };

export type CommandKind = Command["kind"];

export const SUBSYSTEM_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,39}$/;
export const MAX_SUBSYSTEMS = 8;
/** Crash titles and commit titles are far shorter in practice. */
export const MAX_TITLE_LENGTH = 200;
