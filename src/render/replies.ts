import { COMMAND_HELP, type Command, usageOf } from "../commands/index.js";
import { code, inline } from "./escape.js";

/** The app's short comments besides its summary: answers to commands, and asking people the summary's edit could not notify. */

/** Why a line was not run, with the usage of what it meant. */
export function mistakeLine(command: Extract<Command, { kind: "error" | "unknown" }>): string {
  if (command.kind === "error") {
    const usage = usageOf(command.word);
    return `line ${command.line}: ${code(command.word)}: ${inline(command.message, 200)}${usage ? `; usage: ${code(usage)}` : ""}`;
  }
  return `line ${command.line}: ${code(command.word)} is not a command this app knows`;
}

const ALL_USAGES = Object.values(COMMAND_HELP)
  .map((h) => code(h.usage))
  .join(", ");

export function mistakesReply(login: string, lines: readonly string[]): string {
  return `@${login}: ${lines.length === 1 ? "one command was" : `${lines.length} commands were`} not run:\n${lines.map((l) => `- ${l}`).join("\n")}\n\nCommands: ${ALL_USAGES}.\n`;
}

export function refusalReply(login: string): string {
  return `@${login}: only people with write access to this repository can run syztriage commands, so yours were not run.\n`;
}

/** GitHub notifies no one of a mention added by an edit: people the updated summary newly asks get this comment. */
export function askedReply(logins: readonly string[]): string {
  return `${logins.map((l) => `@${l}`).join(" ")}: the summary above now asks you to look at this issue.\n`;
}
