import { COMMAND_HELP, MAX_SUBSYSTEMS, MAX_TITLE_LENGTH, SUBSYSTEM_NAME, type Command } from "./command.js";
import { FenceTracker } from "./fences.js";

/**
 * `#syz` commands in a comment, as syzbot reads them (pkg/email/parser.go): at the
 * very start of a line (so a quoted `> #syz` is not one), `#syz` and a space, tab,
 * `-` or `:`, then the command word. Unlike syzbot, lines in Markdown code fences
 * are skipped: a pasted syzbot email must not act. Linear in the text's length.
 */
const SYZ_PREFIX = /^#syz[ \t:-]/;
const APP_PREFIX = /^#syztriage[ \t:-]/;
// syzbot's own sample commands (its email footer, and its exclusion list): pasted back, they mean nothing.
const SAMPLE_ARGS = new Map([
  ["fix", "exact-commit-title"],
  ["dup", "exact-subject-of-another-report"],
  ["set", "subsystems: new-subsystem"],
  ["test", "git://repo/address.git branch-or-commit-hash"],
  ["unset", "some-label"],
]);
// syzbot's other commands: real, but this app does not carry them out.
const UNSUPPORTED = new Set(["upstream", "unfix", "test", "uncc", "unset", "regenerate", "reject", "unreject"]);
// What syzbot strips from a dup title (its subject parser): "Re:", its prefix, then "[subsystem]" tags.
// Nothing follows the groups, so the match cannot fail: an unclosed "[" is given up once, in linear time.
const SUBJECT_PREFIXES = /^(?:(?:R[eE]:|\[syzbot\])\s*)*(?:\[[^\]]+\]\s*)*/;
// syzbot's set grammar: a label, then optionally ":" and values.
const SET_ARGS = /^([-\w]+)\s*(?::(.*))?$/s;
const ISSUE_REF = /^#(\d{1,9})$/;
const MAX_ECHO = 40;

/** User text echoed in an error or an unknown word, kept short. */
function clip(text: string): string {
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
}

function splitWord(rest: string): { word: string; args: string } {
  const trimmed = rest.replace(/^[ \t]+/, "");
  const end = trimmed.search(/[ \t]/);
  return end < 0 ? { word: trimmed, args: "" } : { word: trimmed.slice(0, end), args: trimmed.slice(end).trim() };
}

function titleError(line: number, word: string, what: string, title: string): Command | null {
  if (title === "") return { kind: "error", line, word, message: `no ${what}` };
  if (title.length > MAX_TITLE_LENGTH) return { kind: "error", line, word, message: `${what} longer than ${MAX_TITLE_LENGTH} characters` };
  return null;
}

function setCommand(line: number, args: string): Command {
  const match = SET_ARGS.exec(args);
  if (match === null) return { kind: "error", line, word: "set", message: 'expected "set subsystems: name, name"' };
  const label = match[1] ?? "";
  if (label !== "subsystems") return { kind: "unsupported", line, word: `set ${clip(label)}` };
  const names = [...new Set((match[2] ?? "").split(/[\s,]+/).filter((name) => name !== ""))];
  if (names.length === 0) return { kind: "error", line, word: "set", message: "no subsystem names" };
  const bad = names.find((name) => !SUBSYSTEM_NAME.test(name));
  if (bad !== undefined) return { kind: "error", line, word: "set", message: `bad subsystem name "${clip(bad)}"` };
  if (names.length > MAX_SUBSYSTEMS) return { kind: "error", line, word: "set", message: `more than ${MAX_SUBSYSTEMS} subsystems` };
  return { kind: "set-subsystems", line, subsystems: names };
}

function syzCommand(line: number, word: string, args: string): Command | null {
  // syzbot takes "fix" and "fix:" alike.
  const name = word.endsWith(":") ? word.slice(0, -1) : word;
  if (name === "" || SAMPLE_ARGS.get(name) === args) return null;
  switch (name) {
    case "fix":
      return titleError(line, name, "commit title", args) ?? { kind: "fix", line, title: args };
    case "dup": {
      const target = args.replace(SUBJECT_PREFIXES, "");
      const issue = ISSUE_REF.exec(target)?.[1];
      return titleError(line, name, "dup title", target) ?? { kind: "dup", line, target, issue: issue === undefined ? null : Number(issue) };
    }
    case "undup":
      return { kind: "undup", line };
    case "invalid":
      return { kind: "invalid", line };
    case "set":
      return setCommand(line, args);
    default:
      return UNSUPPORTED.has(name) ? { kind: "unsupported", line, word: name } : { kind: "unknown", line, word: clip(word) };
  }
}

const SHA = /^[0-9a-f]{7,40}$/;

function culpritCommand(line: number, args: string): Command {
  const value = args.toLowerCase();
  if (value === "none") return { kind: "culprit", line, sha: null };
  if (SHA.test(value)) return { kind: "culprit", line, sha: value };
  return { kind: "error", line, word: "culprit", message: args === "" ? "no commit hash" : `"${clip(args)}" is not a commit hash (7 to 40 hex digits) or none` };
}

function appCommand(line: number, word: string, args: string): Command | null {
  switch (word) {
    case "":
      return null;
    case "retriage":
      return { kind: "retriage", line };
    case "culprit":
      return culpritCommand(line, args);
    default:
      return { kind: "unknown", line, word: clip(word) };
  }
}

function commandOn(line: string, number: number): Command | null {
  // Both prefixes end with one separator character, which is not part of the word.
  if (APP_PREFIX.test(line)) {
    const { word, args } = splitWord(line.slice("#syztriage".length + 1));
    return appCommand(number, word, args);
  }
  if (!SYZ_PREFIX.test(line)) return null;
  const { word, args } = splitWord(line.slice("#syz".length + 1));
  return syzCommand(number, word, args);
}

/** The usage of the command a mistaken line meant, for the app's one-line reply. */
export function usageOf(word: string): string | null {
  switch (word) {
    case "set":
      return COMMAND_HELP["set-subsystems"].usage;
    case "fix":
    case "dup":
    case "culprit":
      return COMMAND_HELP[word].usage;
    default:
      return null;
  }
}

// The lines of syzbot's emails that introduce a command for the reader to send (its footer's `#syz undup`,
// a fix bisection's and a backport candidate's `#syz fix: <real title>`): pasted back, they are the email's,
// not the commands of the one who pasted it (docs/syzbot-formats.md 4.2, 4.3, 6).
const SAMPLE_INTROS: readonly { kind: Command["kind"]; intro: RegExp }[] = [
  { kind: "undup", intro: /^If you want to undo deduplication, reply with:\s*$/ },
  { kind: "fix", intro: /^If (?:the result looks correct, please mark the (?:issue as |bug )?fixed by replying with|you believe this is correct, please reply with):?\s*$/ },
];

function isSample(command: Command, previous: string): boolean {
  return SAMPLE_INTROS.some((s) => s.kind === command.kind && s.intro.test(previous));
}

/** The commands in `text`, in order, each with its 1-based line number. */
export function parseCommands(text: string): Command[] {
  const commands: Command[] = [];
  const fences = new FenceTracker();
  let previous = "";
  text.split("\n").forEach((raw, index) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (fences.covers(line)) return;
    const command = commandOn(line, index + 1);
    if (command !== null && !isSample(command, previous)) commands.push(command);
    if (line.trim() !== "") previous = line;
  });
  return commands;
}
