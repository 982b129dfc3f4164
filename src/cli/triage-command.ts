import { parseArgs } from "node:util";
import { readTexts } from "../analyse/triage.js";
import { configFromYaml } from "../config/load.js";
import { DEFAULT_CONFIG } from "../config/schema.js";
import { loadMaintainers } from "../maintainers/index.js";
import { desiredOutcome } from "../plan/desired-state.js";
import { type CliIO, UsageError } from "./io.js";

export const TRIAGE_USAGE =
  "usage: syztriage triage FILE [--config .github/syztriage.yml] [--maintainers MAINTAINERS [--mailmap .mailmap] [--dirs DIRS]] [--json]\n" +
  "  (FILE may be - for standard input)";

/**
 * `syztriage triage`: the dry run. Prints the labels and the exact comment
 * the app would post for the text, as if a repository owner posted it; only
 * the config's `users` map resolves mentions (no GitHub lookups).
 */
export async function triageCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean", default: false },
      config: { type: "string" },
      maintainers: { type: "string" },
      mailmap: { type: "string" },
      dirs: { type: "string" },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError("triage takes exactly one FILE");
  const source = positionals[0] as string;
  let config = DEFAULT_CONFIG;
  if (values.config !== undefined) {
    const loaded = configFromYaml(await readOrFail(io, values.config));
    if (!loaded.ok) throw new UsageError(`invalid config ${values.config}:\n${loaded.error}`);
    config = loaded.config;
  }
  if ((values.mailmap !== undefined || values.dirs !== undefined) && values.maintainers === undefined) {
    throw new UsageError("--mailmap and --dirs go with --maintainers");
  }
  const maintainers =
    values.maintainers === undefined
      ? null
      : loadMaintainers({
          maintainers: await readOrFail(io, values.maintainers),
          ...(values.mailmap === undefined ? {} : { mailmap: await readOrFail(io, values.mailmap) }),
          ...(values.dirs === undefined ? {} : { directories: await readOrFail(io, values.dirs) }),
        });
  const text = await readOrFail(io, source);
  const origin = { kind: "issue" as const, id: 0, author: "cli", association: "OWNER" as const, isBot: false, url: null };
  const outcome = await desiredOutcome({ texts: readTexts([{ origin, text }], config), config, repository: null, maintainers });
  const labels = outcome.labels.map((l) => l.name);
  // As in the comment: each login once, at most mentions.max.
  const mentions = [...new Set(outcome.mentions.filter((m) => m.login).map((m) => m.login as string))].slice(0, config.mentions.max);
  if (values.json) {
    const reports = outcome.triage.reports.map((r) => r.report);
    io.stdout(JSON.stringify({ reports, labels, mentions, comment: outcome.comment }) + "\n");
    return 0;
  }
  if (outcome.comment === null) {
    io.stdout(`${source}: no bisection report found; the app would do nothing\n`);
    return 0;
  }
  io.stdout(`labels: ${labels.length > 0 ? labels.join(", ") : "(none)"}\n`);
  io.stdout(`mentions: ${mentions.length > 0 ? mentions.map((m) => `@${m}`).join(" ") : "(none)"}\n`);
  io.stdout(`comment:\n${outcome.comment}`);
  return 0;
}

async function readOrFail(io: CliIO, path: string): Promise<string> {
  try {
    return await io.read(path);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
}
