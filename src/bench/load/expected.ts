import type { IssueSummary } from "../../analyse/duplicates.js";
import { dryRunMaintainers } from "../../cli/dry-run-maintainers.js";
import { dryRunFacts } from "../../cli/dry-run.js";
import { configFromYaml } from "../../config/load.js";
import { DEFAULT_CONFIG } from "../../config/schema.js";
import { decide } from "../../decide/decide.js";
import { searchOpenIssues } from "../../github/search-issues.js";
import type { Octokit } from "../../github/types.js";
import { readCommentHeader } from "../../state/index.js";
import { issueSearch } from "../fake-github/routes.js";
import type { FakeIssue, FakeRepo, World } from "../fake-github/world.js";

export interface ExpectedTriage {
  /** The summary the app posts, or null when it posts none. */
  comment: string | null;
  labels: string[];
}

/** The app's duplicate search (its own query) answered by the stand-in's search, as the app would see it now. */
function searchNow(world: World, repo: FakeRepo, titles: string[]): Promise<IssueSummary[]> {
  const octokit = {
    rest: { search: { issuesAndPullRequests: async ({ q, per_page }: { q: string; per_page: number }) => ({ data: issueSearch(world, { api: "" }, q, per_page, null) }) } },
  } as unknown as Octokit;
  return searchOpenIssues(octokit, { owner: repo.owner, repo: repo.name }, titles);
}

/**
 * What the app must write for an issue whose body is a log, by the dry run (which is the app: see
 * test/app/dry-run-equals-app.test.ts) given the duplicates the stand-in's search finds: right when
 * GitHub knows none of the log's commits and people, the repository has no MAINTAINERS, and an owner
 * posted the log; with the repository's own `.github/syztriage.yml` when it has one.
 */
export async function expectedTriage(world: World, repo: FakeRepo, issue: FakeIssue): Promise<ExpectedTriage> {
  const file = repo.files.get(".github/syztriage.yml");
  const config = file === undefined ? { ok: true as const, config: DEFAULT_CONFIG } : configFromYaml(file);
  const maintainers = dryRunMaintainers(config.ok ? config.config : DEFAULT_CONFIG);
  const facts = await dryRunFacts(issue.body, config, { repo: `${repo.owner}/${repo.name}`, number: issue.number, title: issue.title, author: issue.user.login }, maintainers, { offline: true });
  const unsearched = decide(facts);
  // The titles the app searches for are the ones its state records.
  const titles = readCommentHeader(unsearched.comment?.body ?? "")?.state?.search?.titles ?? [];
  const plan = titles.length > 0 ? decide({ ...facts, search: await searchNow(world, repo, titles) }) : unsearched;
  return { comment: plan.comment?.body ?? null, labels: plan.outcome.labels };
}
