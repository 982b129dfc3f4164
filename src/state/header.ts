import { encodeState, decodeState } from "./encode.js";
import type { IssueState } from "./schema.js";
import { decodeThrough, encodeThrough } from "./through.js";

/** Opens every summary comment the app writes; its replies to commands do not carry it. */
export const COMMENT_MARKER = "<!-- syztriage -->";

export interface CommentHeader {
  state: IssueState | null;
  through: number;
}

/**
 * The first three lines of the app's summary comment: the marker, then the
 * issue state and the newest comment handled. They come before any text
 * echoed from a log, and are read only from these positions, so a log that
 * quotes such lines cannot forge or erase the state (and cutting an over-long
 * comment at its end cannot lose it).
 */
export function commentHeader(state: IssueState, through: number): string {
  return [COMMENT_MARKER, encodeState(state), encodeThrough(through)].join("\n");
}

/** The header of one of the app's own comments; null when the comment is not a summary. */
export function readCommentHeader(body: string): CommentHeader | null {
  if (!body.startsWith(`${COMMENT_MARKER}\n`)) return null;
  const [, stateLine = "", throughLine = ""] = body.split("\n", 3);
  return { state: decodeState(stateLine), through: decodeThrough(throughLine) };
}
