/**
 * The commands a maintainer can write in an issue comment, in syzbot's syntax
 * (`#syz ...`) or the app's own (`#syztriage ...`), and the limits on their
 * arguments. The limits keep the state the app stores in its own comment small,
 * and subsystem names usable in label names.
 */
export type Command =
  | { kind: "set-subsystems"; line: number; subsystems: string[] }
  /** `target` is a crash title, or "#123" for an issue of this repository (then `issue` is 123). */
  | { kind: "dup"; line: number; target: string; issue: number | null }
  | { kind: "undup"; line: number }
  | { kind: "invalid"; line: number }
  | { kind: "fix"; line: number; title: string }
  /** The culprit a maintainer knows; `sha` null for "there is none". */
  | { kind: "culprit"; line: number; sha: string | null }
  | { kind: "retriage"; line: number }
  /** A syzbot command this app does not carry out (`#syz test`, `#syz set prio: low`, ...). */
  | { kind: "unsupported"; line: number; word: string }
  | { kind: "unknown"; line: number; word: string }
  /** A known command with bad arguments; `message` is short and says what is wrong. */
  | { kind: "error"; line: number; word: string; message: string };

export type CommandKind = Command["kind"];
/** The commands that do something. */
export type RunnableKind = Exclude<CommandKind, "unsupported" | "unknown" | "error">;

export const SUBSYSTEM_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,39}$/;
export const MAX_SUBSYSTEMS = 8;
/** Crash titles and commit titles are far shorter in practice. */
export const MAX_TITLE_LENGTH = 200;

/**
 * Every command's usage and effect, in the order a maintainer needs them: the
 * parser's error messages, the app's replies, the comment's list of next steps
 * and the README all say it from here.
 */
export const COMMAND_HELP: Readonly<Record<RunnableKind, { usage: string; effect: string }>> = {
  "set-subsystems": { usage: "#syz set subsystems: mm, fs", effect: "replaces the subsystem labels with these" },
  culprit: { usage: "#syztriage culprit <commit hash>", effect: "names the right culprit (`#syztriage culprit none`: there is none); labels and mentions follow it" },
  dup: { usage: "#syz dup: <crash title or #123>", effect: "marks the issue a duplicate of another" },
  undup: { usage: "#syz undup", effect: "undoes `dup`" },
  fix: { usage: "#syz fix: <commit title>", effect: "records the commit that fixes the bug" },
  invalid: { usage: "#syz invalid", effect: "marks the report invalid; the app stops triaging the issue" },
  retriage: { usage: "#syztriage retriage", effect: "triages the issue again (after a configuration change, say)" },
};
