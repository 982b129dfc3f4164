import { applyCommands, COMMAND_HELP, type Command, parseCommands } from "../commands/index.js";
import { mistakeLine, mistakesReply, refusalReply } from "../render/replies.js";
import { type CommentHeader, EMPTY_STATE, type IssueState, MAX_REFUSED, readCommentHeader } from "../state/index.js";
import type { CommentFacts, EditedComment } from "./facts.js";

/** The app's summary comments (its own, starting with the header), oldest first, and the state the first one holds. */
export function summaries(comments: readonly CommentFacts[]): { summary: CommentFacts | null; extras: number[]; header: CommentHeader | null } {
  const found = comments.flatMap((c) => {
    const header = c.own ? readCommentHeader(c.body) : null;
    return header ? [{ comment: c, header }] : [];
  });
  return { summary: found[0]?.comment ?? null, extras: found.slice(1).map((f) => f.comment.id), header: found[0]?.header ?? null };
}

/**
 * The commands of a comment that are meant for this app: syzbot's others
 * (`#syz test`, ...) are left to syzbot. (syzbot's sample commands, in the
 * footer of an email pasted back, are no commands: see parseCommands.)
 */
function commandsOf(comment: CommentFacts): Command[] {
  return parseCommands(comment.body).filter((c) => c.kind !== "unsupported");
}

/** A command as written, whatever line it stands on. */
function sameCommand(a: Command, b: Command): boolean {
  return JSON.stringify({ ...a, line: 0 }) === JSON.stringify({ ...b, line: 0 });
}

/**
 * Comments the app has not handled yet that hold commands (only these are
 * asked about permissions): the new ones, and a comment handled before whose
 * edit added commands (a maintainer correcting a typo), with those only.
 */
function pending(comments: readonly CommentFacts[], through: number, edited: EditedComment | null): { comment: CommentFacts; commands: Command[]; edit: boolean }[] {
  const people = comments.filter((c) => !c.own && !c.isBot);
  const fresh = people.filter((c) => c.id > through).map((comment) => ({ comment, commands: commandsOf(comment), edit: false }));
  const old = edited ? people.find((c) => c.id === edited.id && c.id <= through) : undefined;
  const before = old && edited ? parseCommands(edited.before) : [];
  const added = old ? [{ comment: old, commands: commandsOf(old).filter((c) => !before.some((b) => sameCommand(b, c))), edit: true }] : [];
  // The edit is the newest thing a maintainer did.
  return [...fresh, ...added].filter((c) => c.commands.length > 0);
}

/** The state fields a command sets, to tell an edit's command already carried out (a redelivered edit) from a new one. */
function fields(state: IssueState): string {
  const { history: _history, refused: _refused, ...rest } = state;
  return JSON.stringify(rest);
}

/** The logins whose write access decides whether their new commands run. */
export function commandAuthors(comments: readonly CommentFacts[], header: CommentHeader | null, edited: EditedComment | null): string[] {
  return [...new Set(pending(comments, header?.through ?? 0, edited).map((c) => c.comment.login))];
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
export function foldCommands(comments: readonly CommentFacts[], header: CommentHeader | null, permissions: ReadonlyMap<string, boolean>, edited: EditedComment | null): CommandsOutcome {
  const previous = header?.state ?? EMPTY_STATE;
  let through = header?.through ?? 0;
  let state: IssueState = previous;
  const ran: number[] = [];
  const replies: string[] = [];
  const refused = new Set(previous.refused);
  let retriage = false;
  for (const { comment, commands: found, edit } of pending(comments, through, edited)) {
    // Only comments with commands move the mark: plain comments must not change the app's comment.
    through = Math.max(through, comment.id);
    if (permissions.get(comment.login) !== true) {
      if (!refused.has(comment.login)) replies.push(refusalReply(comment.login));
      refused.add(comment.login);
      continue;
    }
    // An edit's command that the state already holds was carried out before (the same edit delivered again).
    const commands = edit ? found.filter((c) => !(c.kind in COMMAND_HELP) || c.kind === "retriage" || fields(applyCommands(state, [{ command: c, by: "", at: "" }])) !== fields(state)) : found;
    const mistakes = commands.flatMap((c) => (c.kind === "error" || c.kind === "unknown" ? [mistakeLine(c)] : []));
    if (mistakes.length > 0) replies.push(mistakesReply(comment.login, mistakes));
    if (commands.some((c) => c.kind in COMMAND_HELP)) ran.push(comment.id);
    retriage ||= commands.some((c) => c.kind === "retriage");
    state = applyCommands(state, commands.map((command) => ({ command, by: comment.login, at: comment.createdAt })));
  }
  return { state: { ...state, refused: [...refused].slice(-MAX_REFUSED) }, previous, through, ran, replies, retriage };
}
