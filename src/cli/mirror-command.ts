import { parseArgs } from "node:util";
import { Octokit } from "@octokit/rest";
import { type ConfigResult, configFromYaml } from "../config/load.js";
import { DEFAULT_CONFIG } from "../config/schema.js";
import { configuredDashboard } from "../mirror/dashboard.js";
import { mirrorIssues, type MirrorIssues } from "../mirror/github.js";
import { syncLines } from "../mirror/print.js";
import { syncMirror } from "../mirror/sync.js";
import { checkRepoArg, type CliIO, readOrFail, UsageError } from "./io.js";

export const MIRROR_HELP = `usage: syztriage mirror --dry-run [--config F] [--repo OWNER/NAME] [--author LOGIN] [--api URL] [--json]

What the mirror would do in a repository: read the dashboard's open bugs as the
config's mirror: section says (under its fetch rules), and the issues the app
opened in the repository, and print what it would open, update and close, and
why. It writes nothing: the app and the Action write.

  --dry-run         required
  --config F        the repository's .github/syztriage.yml (default: the defaults);
                    mirror.enabled need not be set for the dry run
  --repo O/N        the repository whose issues are read (with GITHUB_TOKEN when
                    set); without it, a repository the mirror never wrote to
  --author LOGIN    whom the app opens issues as (default syztriage[bot]; the
                    Action with the workflow's token: github-actions[bot])
  --api URL         GitHub's API (default https://api.github.com)
  --json            the plan as one JSON object: { open, update, close, skipped, waiting }
`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      "dry-run": { type: "boolean", default: false },
      config: { type: "string" },
      repo: { type: "string" },
      author: { type: "string", default: "syztriage[bot]" },
      api: { type: "string", default: "https://api.github.com" },
      json: { type: "boolean", default: false },
    },
    allowPositionals: false,
  });
}

/** The issues the app opened in `repo`, read through GitHub's API; none without a repository. */
function repositoryIssues(repo: string | undefined, author: string, api: string): MirrorIssues {
  if (repo === undefined) return { list: async () => [], body: refuse, open: refuse, setBody: refuse, close: refuse };
  const [owner = "", name = ""] = repo.split("/");
  const token = process.env.GITHUB_TOKEN;
  const octokit = new Octokit({ baseUrl: api, ...(token ? { auth: token } : {}) });
  return mirrorIssues(octokit, { owner, repo: name }, author);
}

async function refuse(): Promise<never> {
  throw new Error("the dry run writes nothing");
}

/** `syztriage mirror --dry-run`: the plan of one sync, printed. */
export async function mirrorCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv);
  if (!values["dry-run"]) throw new UsageError("the CLI only plans: give --dry-run (the app and the Action write)");
  checkRepoArg(values.repo);
  const loaded: ConfigResult = values.config === undefined ? { ok: true, config: DEFAULT_CONFIG } : configFromYaml(await readOrFail(io, values.config));
  if (!loaded.ok) {
    io.stderr(`syztriage: mirror: ${values.config}: ${loaded.error}\n`);
    return 2;
  }
  const config = loaded.config;
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const deps = {
    issues: repositoryIssues(values.repo, values.author, values.api),
    dashboard: configuredDashboard(config, io.fetch ? { fetch: io.fetch } : {}),
    triage: refuse,
    log,
  };
  const result = await syncMirror(deps, config, { dryRun: true });
  if (!result.ok) {
    io.stderr(`syztriage: mirror: could not read the dashboard: ${result.error}\n`);
    return 2;
  }
  if (values.json) io.stdout(`${JSON.stringify(result.plan)}\n`);
  else io.stdout(`${syncLines(result, { dryRun: true, maxOpen: config.mirror.maxOpen }).join("\n")}\n`);
  return 0;
}
