import { type LoginLookup, type Mention, resolveMentions } from "../analyse/mentions.js";
import { crashTitles, findDuplicates, type IssueSummary } from "../analyse/duplicates.js";
import type { SourceText } from "../analyse/origin.js";
import { hasFindings, labelName, readTexts, type Triage, triage } from "../analyse/triage.js";
import type { Config } from "../config/schema.js";
import type { Maintainers } from "../maintainers/index.js";
import { renderComment } from "../render/comment.js";
import type { LabelSpec } from "./plan.js";

export interface DesiredOutcome {
  triage: Triage;
  duplicates: IssueSummary[];
  labels: LabelSpec[];
  mentions: Mention[];
  /** The comment body, or null when the texts hold no report. */
  comment: string | null;
}

/** What GitHub can tell about a repository; the dry run has no repository. */
export interface RepositoryFacts {
  url: string;
  /** The issue being triaged, so it is not its own duplicate. */
  issue: number;
  logins: LoginLookup;
  commitExists(sha: string): Promise<boolean>;
  /** Open issues that may be about the same crashes (one search). */
  openIssues(titles: string[]): Promise<IssueSummary[]>;
  /** The repository's MAINTAINERS (`subsystems.maintainers`), or null when it has none. */
  maintainers(): Promise<Maintainers | null>;
}

function labelSpecs(triaged: Triage, duplicates: IssueSummary[], config: Config): LabelSpec[] {
  const subsystemLabels = new Set(triaged.subsystems.map((s) => labelName(config.labels.prefix, s)));
  const names = [...triaged.labels];
  if (duplicates.length > 0 && config.labels.duplicate) names.push(config.labels.duplicate);
  return [...new Set(names)].map((name) => ({
    name,
    color: config.labels.color,
    description: subsystemLabels.has(name) ? "Kernel subsystem of a bisected culprit (syztriage)" : "Added by syztriage",
  }));
}

/** From an issue's texts to the labels and the comment it should have: shared by the app and the dry run. */
export async function desiredOutcome(
  texts: SourceText[],
  config: Config,
  repository: RepositoryFacts | null,
  localMaintainers: Maintainers | null = null,
): Promise<DesiredOutcome> {
  const read = readTexts(texts, config);
  // MAINTAINERS is read only for an issue that holds something to triage.
  const maintainers = hasFindings(read) && config.subsystems.maintainers ? (localMaintainers ?? (await repository?.maintainers()) ?? null) : null;
  const triaged = triage(read, { config, maintainers });
  const existingCommits = new Set<string>();
  if (repository) {
    for (const sha of new Set(triaged.reports.flatMap((r) => (r.report.culprit ? [r.report.culprit.sha] : [])))) {
      if (await repository.commitExists(sha)) existingCommits.add(sha);
    }
  }
  const titles = crashTitles(triaged);
  const duplicates =
    repository && titles.length > 0 ? findDuplicates(titles, await repository.openIssues(titles), repository.issue) : [];
  const mentions = await resolveMentions(triaged.recipients, triaged.culpritAuthors, config.mentions, repository?.logins ?? null);
  const comment =
    triaged.reports.length + triaged.crashes.length === 0
      ? null
      : renderComment({
          triage: triaged,
          mentions,
          maxMentions: config.mentions.max,
          repoUrl: repository?.url ?? null,
          existingCommits,
          duplicates,
          problems: [],
        });
  return { triage: triaged, duplicates, labels: labelSpecs(triaged, duplicates, config), mentions, comment };
}
