import type { CommandState, HistoryEntry } from "../state/index.js";
import { MAX_HISTORY } from "../state/index.js";
import type { Command } from "./command.js";

/**
 * Folds maintainers' commands into the issue's state: a pure reducer. Later
 * commands override earlier ones field by field; the fields are independent (a
 * fixed issue can also be marked a duplicate), so which one wins for labels
 * and the comment is the decide step's business.
 */

/** `by` and `at` come from the comment's payload (login, created_at): at most 100 characters each, or the state will not decode. */
export interface AuthoredCommand {
  command: Command;
  by: string;
  at: string;
}

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
    case "culprit":
      return { fields: { culprit: command.sha ?? "none" }, kind: command.kind, value: command.sha ?? "none" };
    case "retriage":
    case "unsupported":
    case "unknown":
    case "error":
      // retriage is an action, not state; the others change nothing.
      return null;
    default:
      return command satisfies never;
  }
}

export function applyCommands<S extends CommandState>(state: S, commands: readonly AuthoredCommand[]): S {
  let next = state;
  for (const { command, by, at } of commands) {
    const change = changeOf(command);
    if (change === null) continue;
    const entry: HistoryEntry = { kind: change.kind, value: change.value, by, at };
    next = { ...next, ...change.fields, history: [...next.history, entry].slice(-MAX_HISTORY) };
  }
  return next;
}
