import { type CliIO, processIO, UsageError } from "./io.js";
import { MAINTAINERS_USAGE, maintainersCommand } from "./maintainers-command.js";
import { PARSE_USAGE, parseCommand } from "./parse-command.js";
import { TRIAGE_USAGE, triageCommand } from "./triage-command.js";

const USAGE = `usage: syztriage <command> [options]

commands:
  parse [--json] FILE...            what the parser reads in bisection logs and syzbot reports
  triage FILE [--config F] [--json] the labels and the exact comment the app would post (dry run)
  maintainers --file MAINTAINERS [--mailmap F] PATH... [--json]
                                    get_maintainer.pl's sections, people and lists for paths
`;

const COMMANDS: Record<string, { run: (argv: string[], io: CliIO) => Promise<number>; usage: string }> = {
  parse: { run: parseCommand, usage: PARSE_USAGE },
  triage: { run: triageCommand, usage: TRIAGE_USAGE },
  maintainers: { run: maintainersCommand, usage: MAINTAINERS_USAGE },
};

/** Runs one CLI command; returns the exit code (2 for usage and I/O errors). */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`syztriage: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    // parseArgs reports unknown options with this code; they are usage errors too.
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    io.stderr(`syztriage ${name}: ${(err as Error).message}\n${usage ? command.usage + "\n" : ""}`);
    return 2;
  }
}
