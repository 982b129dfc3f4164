import { type CliIO, processIO, UsageError } from "./io.js";

const USAGE = `usage: syztriage <command> [options]

commands:
  parse [--json] FILE...            what the parser reads in bisection logs and syzbot reports
  triage FILE [--config F] [--json] the labels and the exact comment the app would post (dry run)
  maintainers --file MAINTAINERS [--mailmap F] [--dirs F] PATH... [--json]
                                    get_maintainer.pl's sections, people and lists for paths
`;

interface Command {
  run: (argv: string[], io: CliIO) => Promise<number>;
  usage: string;
}

// Each command is loaded only when it runs: start-up time is most of a short command's time.
const COMMANDS: Record<string, () => Promise<Command>> = {
  parse: async () => {
    const m = await import("./parse-command.js");
    return { run: m.parseCommand, usage: m.PARSE_USAGE };
  },
  triage: async () => {
    const m = await import("./triage-command.js");
    return { run: m.triageCommand, usage: m.TRIAGE_USAGE };
  },
  maintainers: async () => {
    const m = await import("./maintainers-command.js");
    return { run: m.maintainersCommand, usage: m.MAINTAINERS_USAGE };
  },
};

/** Runs one CLI command; returns the exit code (2 for usage and I/O errors). */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`syztriage: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  const command = await load();
  try {
    return await command.run(rest, io);
  } catch (err) {
    // parseArgs reports unknown options with this code; they are usage errors too.
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    io.stderr(`syztriage ${name}: ${(err as Error).message}\n${usage ? command.usage + "\n" : ""}`);
    return 2;
  }
}
