import { readFileSync } from "node:fs";
import { type CliIO, processIO, UsageError } from "./io.js";

interface Command {
  run: (argv: string[], io: CliIO) => Promise<number>;
  /** The command's own --help text. */
  help: string;
}

// Each command is loaded only when it runs: start-up time is most of a short command's time.
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  parse: {
    summary: "parse [--json] FILE...                what the parser reads in bisection logs, syzbot reports and git output",
    load: async () => {
      const m = await import("./parse-command.js");
      return { run: m.parseCommand, help: m.PARSE_HELP };
    },
  },
  triage: {
    summary:
      "triage FILE [--config F] [--maintainers F [--mailmap F] [--dirs F]] [--repo O/R] [--issue N] [--title T] [--author L] [--offline] [--json]\n" +
      "                                       the dry run: the labels and the exact comment the app would post",
    load: async () => {
      const m = await import("./triage-command.js");
      return { run: m.triageCommand, help: m.TRIAGE_HELP };
    },
  },
  mirror: {
    summary: "mirror --dry-run [--config F] [--repo O/R] [--author L] [--json]\n                                       what the mirror would open, update and close from the dashboard",
    load: async () => {
      const m = await import("./mirror-command.js");
      return { run: m.mirrorCommand, help: m.MIRROR_HELP };
    },
  },
  maintainers: {
    summary: "maintainers --file F [--mailmap F] [--dirs F] PATH... [--json]\n                                       get_maintainer.pl's sections, people and lists for paths",
    load: async () => {
      const m = await import("./maintainers-command.js");
      return { run: m.maintainersCommand, help: m.MAINTAINERS_HELP };
    },
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.summary}`);
  return `usage: syztriage <command> [options]   (FILE may be - for standard input)\n\ncommands:\n${lines.join("\n")}\n\n  syztriage <command> --help   one command's options\n  syztriage --version\n`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Runs one CLI command; returns the exit code (2 for usage and I/O errors, with the reason after "syztriage: "). */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-V") {
    io.stdout(`syztriage ${version()}\n`);
    return 0;
  }
  // No command is a usage error: the usage goes to standard error, as every other mistake's reason does.
  if (!name) {
    io.stderr(usage());
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`syztriage: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    // parseArgs reports unknown options with this code; they are usage errors too.
    const isUsage = err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    io.stderr(`syztriage: ${name}: ${(err as Error).message}\n${isUsage ? `\n${command.help}` : ""}`);
    return 2;
  }
}
