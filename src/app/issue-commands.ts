import { type AuthoredCommand, applyCommands, type CommandState, EMPTY_STATE, parseCommands } from "../commands/index.js";
import type { IssueComment } from "../github/comments.js";
import type { CommentHeader } from "../render/comment-header.js";

export interface CommandOutcome {
  state: CommandState;
  /** The state before this event's commands. */
  previous: CommandState;
  /** The newest comment whose commands were handled, to record in the app's comment. */
  through: number;
  /** Comments whose commands ran: each gets a +1 reaction. */
  ran: number[];
  /** Comments with commands by people without write access: each gets one short reply. */
  refused: { id: number; login: string }[];
  /** A `#syztriage retriage` among the new commands. */
  retriage: boolean;
}

/**
 * Folds the commands of the comments the app has not handled yet into the
 * state kept in its own comment. Only people with write access run commands;
 * bots never do.
 */
export async function handleCommands(
  comments: IssueComment[],
  header: CommentHeader | null,
  mayRun: (login: string) => Promise<boolean>,
): Promise<CommandOutcome> {
  const previous = header?.state ?? EMPTY_STATE;
  let through = header?.through ?? 0;
  const authored: AuthoredCommand[] = [];
  const ran: number[] = [];
  const refused: { id: number; login: string }[] = [];
  let retriage = false;
  for (const comment of comments) {
    if (comment.id <= through || comment.own || comment.userType === "Bot") continue;
    const commands = parseCommands(comment.body);
    // Only comments with commands move the mark: plain comments must not change the app's comment.
    if (commands.length === 0) continue;
    through = comment.id;
    if (!(await mayRun(comment.login))) {
      refused.push({ id: comment.id, login: comment.login });
      continue;
    }
    ran.push(comment.id);
    retriage ||= commands.some((c) => c.kind === "retriage");
    for (const command of commands) authored.push({ command, by: comment.login, at: comment.createdAt });
  }
  return { state: applyCommands(previous, authored), previous, through, ran, refused, retriage };
}

/** Whether a comment holds anything the app acts on as a command. */
export function hasCommands(text: string): boolean {
  return parseCommands(text).length > 0;
}
