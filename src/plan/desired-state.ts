import { type LoginLookup, type Mention, resolveMentions } from "../analyse/mentions.js";
import type { SourceText } from "../analyse/origin.js";
import { rulesSource } from "../analyse/subsystems/rules-source.js";
import type { SubsystemSource } from "../analyse/subsystems/source.js";
import { labelName, type Triage, triage } from "../analyse/triage.js";
import type { Config } from "../config/schema.js";
import { renderComment } from "../render/comment.js";
import type { LabelSpec } from "./plan.js";

export interface DesiredOutcome {
  triage: Triage;
  labels: LabelSpec[];
  mentions: Mention[];
  /** The comment body, or null when the texts hold no report. */
  comment: string | null;
}

/** What GitHub can tell about a repository; the dry run has no repository. */
export interface RepositoryFacts {
  url: string;
  logins: LoginLookup;
  commitExists(sha: string): Promise<boolean>;
}

function labelSpecs(triaged: Triage, config: Config): LabelSpec[] {
  const subsystemLabels = new Set(triaged.subsystems.map((s) => labelName(config.labels.prefix, s)));
  return triaged.labels.map((name) => ({
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
  extraSources: SubsystemSource[] = [],
): Promise<DesiredOutcome> {
  const triaged = triage(texts, { config, sources: [rulesSource(config.subsystems.rules), ...extraSources] });
  const existingCommits = new Set<string>();
  if (repository) {
    for (const sha of new Set(triaged.reports.flatMap((r) => (r.report.culprit ? [r.report.culprit.sha] : [])))) {
      if (await repository.commitExists(sha)) existingCommits.add(sha);
    }
  }
  const mentions = await resolveMentions(triaged.recipients, triaged.culpritAuthors, config.mentions, repository?.logins ?? null);
  const comment =
    triaged.reports.length === 0
      ? null
      : renderComment({
          triage: triaged,
          mentions,
          maxMentions: config.mentions.max,
          repoUrl: repository?.url ?? null,
          existingCommits,
          problems: [],
        });
  return { triage: triaged, labels: labelSpecs(triaged, config), mentions, comment };
}
