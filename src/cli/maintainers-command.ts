import { parseArgs } from "node:util";
import { loadMaintainers, subsystemsOf, type PathMaintainers } from "../maintainers/index.js";
import { UsageError, type CliIO } from "./io.js";

export const MAINTAINERS_HELP = `usage: syztriage maintainers --file MAINTAINERS [--mailmap FILE] [--dirs FILE] PATH... [--json]

What scripts/get_maintainer.pl -f PATH prints for each PATH: the sections in its order,
the maintainers, reviewers and lists, and the subsystem names.

  --file F      the kernel's MAINTAINERS
  --mailmap F   its .mailmap, applied to the addresses
  --dirs F      the tree's directory list, one per line (a directory without its
                trailing slash is then recognised exactly, as the script does)
  --json        { "<path>": { sections, maintainers, reviewers, lists, subsystems } }
`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        file: { type: "string" },
        mailmap: { type: "string" },
        dirs: { type: "string" },
        json: { type: "boolean", default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The JSON shape: `maintainers` holds everyone get_maintainer.pl prints (M: and R:), `reviewers` the R: ones. */
function asJson(report: PathMaintainers) {
  return {
    sections: report.sections.map((match) => match.section.name),
    maintainers: report.people.map((person) => person.address),
    reviewers: report.people.filter((person) => person.role === "reviewer").map((person) => person.address),
    lists: report.lists.map((list) => list.address),
    subsystems: subsystemsOf(report.sections),
  };
}

function asText(report: PathMaintainers): string {
  const lines = [report.path];
  for (const { section, score, status } of report.sections) {
    lines.push(`  section     ${section.name} (score ${score}${status === "" ? "" : `, ${status}`})`);
  }
  for (const person of report.people) lines.push(`  ${person.role.padEnd(11)} ${person.printed}`);
  for (const list of report.lists) lines.push(`  list        ${list.address}${list.moderated ? " (moderated)" : ""}`);
  lines.push(`  subsystems  ${subsystemsOf(report.sections).join(", ")}`);
  return lines.join("\n") + "\n";
}

/**
 * `syztriage maintainers`: what scripts/get_maintainer.pl prints for each path, from a
 * MAINTAINERS file (optionally .mailmap and a directory list such as dirs.txt).
 * Usage mistakes throw UsageError; a file that cannot be read is reported here, exit code 2.
 */
export async function maintainersCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals: paths } = parse(argv);
  const file = values.file;
  if (file === undefined) throw new UsageError("--file MAINTAINERS is required");
  if (paths.length === 0) throw new UsageError("give at least one PATH to look up");

  const readOptional = async (path: string | undefined) => (path === undefined ? undefined : io.read(path));
  let sources;
  try {
    const [maintainers, mailmap, directories] = await Promise.all([io.read(file), readOptional(values.mailmap), readOptional(values.dirs)]);
    sources = { maintainers, mailmap, directories };
  } catch (error) {
    io.stderr(`syztriage: maintainers: cannot read input: ${(error as Error).message}\n`);
    return 2;
  }

  const maintainers = loadMaintainers(sources);
  const reports = paths.map((path) => maintainers.lookup(path));
  if (values.json) {
    io.stdout(JSON.stringify(Object.fromEntries(reports.map((report) => [report.path, asJson(report)])), null, 2) + "\n");
  } else {
    io.stdout(reports.map(asText).join("\n"));
  }
  return 0;
}
