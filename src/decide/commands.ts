import { type AuthoredCommand, applyCommands, COMMAND_HELP, type Command, parseCommands } from "../commands/index.js";
import { mistakeLine, mistakesReply, refusalReply } from "../render/replies.js";
import { type CommentHeader, EMPTY_STATE, type IssueState, MAX_REFUSED, readCommentHeader } from "../state/index.js";
import type { CommentFacts } from "./facts.js";

/** The app's summary comments (its own, starting with the header), oldest first, and the state the first one holds. */
export function summaries(comments: readonly CommentFacts[]): { summary: CommentFacts | null; extras: number[]; header: CommentHeader | null } {
  const found = comments.filter((c) => c.own && readCommentHeader(c.body) !== null);
  const summary = found[0] ?? null;
  return { summary, extras: found.slice(1).map((c) => c.id), header: summary ? readCommentHeader(summary.body) : null };
}

/**
 * The commands of a comment that are meant for this app: syzbot's others
 * (`#syz test`, ...) are left to syzbot. (syzbot's sample commands, in the
 * footer of an email pasted back, are no commands: see parseCommands.)
 */
function commandsOf(comment: CommentFacts): Command[] {
  return parseCommands(comment.body).filter((c) => c.kind !== "unsupported");
}

/** Comments the app has not handled yet that hold commands: only these are asked about permissions. */
function pending(comments: readonly CommentFacts[], through: number): { comment: CommentFacts; commands: Command[] }[] {
  return comments
    .filter((c) => c.id > through && !c.own && !c.isBot)
    .map((comment) => ({ comment, commands: commandsOf(comment) }))
    .filter((c) => c.commands.length > 0);
}

/** The logins whose write access decides whether their new commands run. */
export function commandAuthors(comments: readonly CommentFacts[], header: CommentHeader | null): string[] {
  return [...new Set(pending(comments, header?.through ?? 0).map((c) => c.comment.login))];
}

export interface CommandsOutcome {
  state: IssueState;
  previous: IssueState;
  /** The newest comment whose commands were handled, to record in the app's comment. */
  through: number;
  /** Comments whose commands ran: each gets a +1 reaction. */
  ran: number[];
  replies: string[];
  /** A `#syztriage retriage` among the new commands. */
  retriage: boolean;
}

/**
 * Folds the commands of the comments the app has not handled yet into the
 * state kept in its own comment. Only people with write access run commands
 * (bots never do); anyone else is told once. A command that cannot be read
 * gets a reply with its usage, never silence.
 */
export function foldCommands(comments: readonly CommentFacts[], header: CommentHeader | null, permissions: ReadonlyMap<string, boolean>): CommandsOutcome {
  const previous = header?.state ?? EMPTY_STATE;
  let through = header?.through ?? 0;
  const authored: AuthoredCommand[] = [];
  const ran: number[] = [];
  const replies: string[] = [];
  const refused = new Set(previous.refused);
  let retriage = false;
  for (const { comment, commands } of pending(comments, through)) {
    // Only comments with commands move the mark: plain comments must not change the app's comment.
    through = comment.id;
    if (permissions.get(comment.login) !== true) {
      if (!refused.has(comment.login)) replies.push(refusalReply(comment.login));
      refused.add(comment.login);
      continue;
    }
    const mistakes = commands.flatMap((c) => (c.kind === "error" || c.kind === "unknown" ? [mistakeLine(c)] : []));
    if (mistakes.length > 0) replies.push(mistakesReply(comment.login, mistakes));
    if (commands.some((c) => c.kind in COMMAND_HELP)) ran.push(comment.id);
    retriage ||= commands.some((c) => c.kind === "retriage");
    for (const command of commands) authored.push({ command, by: comment.login, at: comment.createdAt });
  }
  const state = { ...applyCommands(previous, authored), refused: [...refused].slice(-MAX_REFUSED) };
  return { state, previous, through, ran, replies, retriage };
}
