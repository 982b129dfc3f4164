// The public face of what the app remembers about an issue, in the first lines of its own comment.
export { decodeState, encodeState, hiddenPayload, readHiddenPayload } from "./encode.js";
export { COMMENT_MARKER, commentHeader, readCommentHeader, type CommentHeader } from "./header.js";
export { CulpritOverride, dupTitleOf, EMPTY_STATE, isIssueRef, namedCulprit, HistoryEntry, HistoryKind, IssueState, MAX_HISTORY, MAX_FOUND_TITLE, MAX_MENTIONED, MAX_RECORDED_LABELS, MAX_REFUSED, type CommandState } from "./schema.js";
export { decodeThrough, encodeThrough } from "./through.js";
