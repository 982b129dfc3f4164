// The public face of maintainers' commands: parsing a comment, and folding its commands into the issue's state.
export { applyCommands, type AuthoredCommand } from "./apply.js";
export { COMMAND_HELP, MAX_SUBSYSTEMS, MAX_TITLE_LENGTH, SUBSYSTEM_NAME, type Command, type CommandKind, type RunnableKind } from "./command.js";
export { parseCommands, usageOf } from "./parse.js";
