import { dryRunMaintainers } from "../../cli/dry-run-maintainers.js";
import { dryRunFacts } from "../../cli/dry-run.js";
import { DEFAULT_CONFIG } from "../../config/schema.js";
import { decide } from "../../decide/decide.js";
import type { FakeIssue, FakeRepo } from "../fake-github/world.js";

export interface ExpectedTriage {
  /** The summary the app posts, or null when it posts none. */
  comment: string | null;
  labels: string[];
}

/**
 * What the app must write for an issue whose body is a log, by the dry run (which is the app: see
 * test/app/dry-run-equals-app.test.ts): right when GitHub knows none of the log's commits and people,
 * finds no duplicate, the repository has no MAINTAINERS and no config, and an owner posted the log.
 */
export async function expectedTriage(repo: FakeRepo, issue: FakeIssue): Promise<ExpectedTriage> {
  const config = { ok: true as const, config: DEFAULT_CONFIG };
  const facts = await dryRunFacts(issue.body, config, { repo: `${repo.owner}/${repo.name}`, number: issue.number, title: issue.title, author: issue.user.login }, dryRunMaintainers(DEFAULT_CONFIG), { offline: true });
  const plan = decide(facts);
  return { comment: plan.comment?.body ?? null, labels: plan.outcome.labels };
}
