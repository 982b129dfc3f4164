import { parseArgs } from "node:util";
import { readReports } from "../analyse/read-reports.js";
import { summarizeCrashFinding, summarizeReport } from "../render/report-summary.js";
import { type CliIO, UsageError } from "./io.js";

export const PARSE_HELP = `usage: syztriage parse [--json] FILE...

What the parser reads in each FILE (- for standard input): bisection logs, syzbot
emails and dashboard text, KernelCI reports, git bisect output, crash reports.

  --json   one JSON object per FILE per line: { "source", "reports", "crashes" },
           the reports in the shape of src/parse/schema.ts

Exit status: 0 when every FILE was read (even with nothing found in it), 2 otherwise.
`;

/** `syztriage parse`: what the parser reads in each file. Exit 0 when every input was read. */
export async function parseCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: "boolean", default: false } }, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError("give at least one FILE (or - for standard input)");
  let status = 0;
  for (const source of positionals) {
    let text: string;
    try {
      text = await io.read(source);
    } catch (err) {
      io.stderr(`syztriage: parse: cannot read ${source}: ${(err as Error).message}\n`);
      status = 2;
      continue;
    }
    const { reports, crashes } = readReports(text);
    if (values.json) {
      io.stdout(JSON.stringify({ source, reports, crashes }) + "\n");
      continue;
    }
    const found = reports.length + crashes.length;
    io.stdout(`${source}: ${found === 0 ? "no bisection report found" : `${found} report${found === 1 ? "" : "s"}`}\n`);
    for (const report of reports) io.stdout(summarizeReport(report).map((l) => `  ${l}\n`).join(""));
    for (const crash of crashes) io.stdout(summarizeCrashFinding(crash).map((l) => `  ${l}\n`).join(""));
  }
  return status;
}
