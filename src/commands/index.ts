// The public face of #syz commands: parsing a comment, and the triage state the commands add up to.
export { MAX_SUBSYSTEMS, MAX_TITLE_LENGTH, SUBSYSTEM_NAME, type Command, type CommandKind } from "./command.js";
export { parseCommands } from "./parse.js";
export { applyCommands, EMPTY_STATE, MAX_HISTORY, type AuthoredCommand, type CommandState, type HistoryEntry } from "./state.js";
export { decodeState, encodeState } from "./state-comment.js";
export { decodeThrough, encodeThrough } from "./through.js";
