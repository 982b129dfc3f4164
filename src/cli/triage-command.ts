import { parseArgs } from "node:util";
import { type ConfigResult, configFromYaml } from "../config/load.js";
import { DEFAULT_CONFIG } from "../config/schema.js";
import { decide } from "../decide/decide.js";
import type { MaintainersFacts } from "../decide/facts.js";
import { maintainersFrom } from "../decide/maintainers-facts.js";
import { dryRunMaintainers } from "./dry-run-maintainers.js";
import { dryRunFacts } from "./dry-run.js";
import { checkRepoArg, type CliIO, readOrFail, UsageError } from "./io.js";

export const TRIAGE_HELP = `usage: syztriage triage FILE [options]

The dry run: the labels and the exact comment the app would post if FILE (- for
standard input) were the body of a new issue written by an owner of the repository.
The same decision as the app's, without GitHub: no commit, login or duplicate
lookups (the config's mentions.users map still resolves people).

  --config F        the repository's .github/syztriage.yml (default: the defaults)
  --maintainers F   a MAINTAINERS file (default: as subsystems.maintainers says;
                    the bundled Linux snapshot, since the dry run reads no repository)
  --mailmap F       its .mailmap        --dirs F   its directory list
  --repo OWNER/NAME the repository, for links as the app writes them
  --issue N         the issue number (default 1)
  --title T         the issue's title (mptcp-style reports name the crash only there)
  --author LOGIN    who posted the text (default: you)
  --offline         do not fetch linked logs (--json lists them in skipped)
  --json            one object: { reports, fetched, unread, skipped, labels,
                    mentions, comment }: the text's reports, each fetched log's
                    { url, reports }, the links that could not be read
                    { url, error } or were not fetched { url, reason }
`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      json: { type: "boolean", default: false },
      offline: { type: "boolean", default: false },
      config: { type: "string" },
      maintainers: { type: "string" },
      mailmap: { type: "string" },
      dirs: { type: "string" },
      repo: { type: "string" },
      issue: { type: "string", default: "1" },
      title: { type: "string", default: "" },
      author: { type: "string", default: "you" },
    },
    allowPositionals: true,
  });
}

/** `syztriage triage`: prints what the app would write for the text. */
export async function triageCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length !== 1) throw new UsageError("give exactly one FILE");
  if ((values.mailmap !== undefined || values.dirs !== undefined) && values.maintainers === undefined) throw new UsageError("--mailmap and --dirs go with --maintainers");
  checkRepoArg(values.repo);
  const number = Number(values.issue);
  if (!Number.isInteger(number) || number < 1) throw new UsageError("--issue takes a positive number");

  const config: ConfigResult = values.config === undefined ? { ok: true, config: DEFAULT_CONFIG } : configFromYaml(await readOrFail(io, values.config));
  let maintainers: MaintainersFacts | null;
  if (values.maintainers !== undefined) {
    const sources = {
      maintainers: await readOrFail(io, values.maintainers),
      ...(values.mailmap === undefined ? {} : { mailmap: await readOrFail(io, values.mailmap) }),
      ...(values.dirs === undefined ? {} : { directories: await readOrFail(io, values.dirs) }),
    };
    maintainers = maintainersFrom(sources, values.maintainers);
  } else maintainers = config.ok ? dryRunMaintainers(config.config) : null;

  const text = await readOrFail(io, positionals[0] as string);
  const issue = { repo: values.repo ?? null, number, title: values.title, author: values.author };
  const facts = await dryRunFacts(text, config, issue, maintainers, { offline: values.offline });
  const plan = decide(facts);
  const comment = plan.comment?.body ?? null;
  if (values.json) {
    const reports = facts.texts.flatMap((t) => t.read.reports);
    // The linked logs as the app would read them: what each fetched one holds, and why the others were not read.
    const fetched = facts.fetched.map((f) => ({ url: f.url, reports: f.read.reports }));
    const unread = [...facts.unread].map(([url, error]) => ({ url, error }));
    io.stdout(JSON.stringify({ reports, fetched, unread, skipped: facts.skipped, labels: plan.outcome.labels, mentions: plan.outcome.mentions, comment }) + "\n");
    return 0;
  }
  if (comment === null) {
    io.stdout(`${positionals[0]}: no report found; the app would do nothing\n`);
    return 0;
  }
  const list = (items: string[], format: (s: string) => string) => (items.length > 0 ? items.map(format).join(", ") : "(none)");
  // The comment's "No GitHub account found" and unlinked commits are the app's answers for a GitHub that knows nothing.
  io.stdout("dry run: GitHub taken to know none of the commits, people and other issues\n");
  io.stdout(`labels: ${list(plan.outcome.labels, (l) => l)}\n`);
  io.stdout(`mentions: ${list(plan.outcome.mentions, (m) => `@${m}`)}\n`);
  io.stdout(`comment:\n${comment}`);
  return 0;
}
