import type { Command } from "./command.js";

/**
 * What the maintainers' commands on an issue add up to. A pure reducer: the app
 * keeps this state in its own comment, never in memory, and folds each new
 * comment's commands into it. Later commands override earlier ones field by
 * field; the fields are independent (a fixed issue can also be marked a duplicate),
 * so which one wins for labels and closing is the app's decision.
 */
export interface HistoryEntry {
  kind: "set-subsystems" | "dup" | "undup" | "invalid" | "fix";
  /** The argument: the subsystems joined by ", ", the dup target or the fix title; null for undup and invalid. */
  value: string | null;
  /** GitHub login of the comment's author. */
  by: string;
  /** When the comment was written (ISO 8601). */
  at: string;
}

export interface CommandState {
  /** Overrides the subsystems the triage computed; null: no override. */
  subsystems: string[] | null;
  /** A crash title, or "#123" for an issue of the repository. */
  duplicateOf: string | null;
  invalid: boolean;
  fixCommit: string | null;
  /** The last MAX_HISTORY state-changing commands, oldest first. */
  history: HistoryEntry[];
}

/** `by` and `at` come from the comment's payload (login, created_at): at most 100 characters each, or the state will not decode. */
export interface AuthoredCommand {
  command: Command;
  by: string;
  at: string;
}

export const EMPTY_STATE: CommandState = { subsystems: null, duplicateOf: null, invalid: false, fixCommit: null, history: [] };
export const MAX_HISTORY = 20;

type Change = { fields: Partial<Omit<CommandState, "history">>; kind: HistoryEntry["kind"]; value: string | null };

function changeOf(command: Command): Change | null {
  switch (command.kind) {
    case "set-subsystems":
      return { fields: { subsystems: command.subsystems }, kind: command.kind, value: command.subsystems.join(", ") };
    case "dup":
      return { fields: { duplicateOf: command.target }, kind: command.kind, value: command.target };
    case "undup":
      return { fields: { duplicateOf: null }, kind: command.kind, value: null };
    case "invalid":
      return { fields: { invalid: true }, kind: command.kind, value: null };
    case "fix":
      return { fields: { fixCommit: command.title }, kind: command.kind, value: command.title };
    default:
      // retriage is an action, not state; unsupported, unknown and error commands change nothing.
      return null;
  }
}

export function applyCommands(state: CommandState, commands: readonly AuthoredCommand[]): CommandState {
  let next = state;
  for (const { command, by, at } of commands) {
    const change = changeOf(command);
    if (change === null) continue;
    const entry: HistoryEntry = { kind: change.kind, value: change.value, by, at };
    next = { ...next, ...change.fields, history: [...next.history, entry].slice(-MAX_HISTORY) };
  }
  return next;
}
