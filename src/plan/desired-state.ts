import { crashTitles, findDuplicates, type IssueSummary } from "../analyse/duplicates.js";
import { type LoginLookup, type Mention, resolveMentions } from "../analyse/mentions.js";
import { hasFindings, labelName, type ReadText, type Triage, triage } from "../analyse/triage.js";
import { type CommandState, EMPTY_STATE } from "../commands/index.js";
import type { Config } from "../config/schema.js";
import type { Maintainers } from "../maintainers/index.js";
import { renderComment, renderInvalid, renderProblems } from "../render/comment.js";
import type { LabelSpec } from "./plan.js";

export interface DesiredOutcome {
  triage: Triage;
  duplicates: IssueSummary[];
  labels: LabelSpec[];
  /** Labels the app set earlier that a maintainer's command replaced. */
  removeLabels: string[];
  mentions: Mention[];
  /** The comment body, or null when the texts hold nothing to triage. */
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

export interface OutcomeInput {
  /** The issue's texts as read (`readTexts`). */
  texts: ReadText[];
  config: Config;
  repository: RepositoryFacts | null;
  /** A MAINTAINERS given directly (the dry run's `--maintainers`). */
  maintainers?: Maintainers | null;
  /** What maintainers decided with commands (before and after this event's), and the newest comment handled. */
  commands?: { state: CommandState; previous: CommandState; through: number };
  /** Things the app could not do, said in the comment (a log it could not fetch). */
  problems?: string[];
}

function spec(name: string, description: string, config: Config): LabelSpec {
  return { name, color: config.labels.color, description };
}

function labelSpecs(triaged: Triage, duplicates: IssueSummary[], state: CommandState, config: Config): LabelSpec[] {
  const subsystemLabels = new Set(triaged.subsystems.map((s) => labelName(config.labels.prefix, s)));
  const names = [...triaged.labels];
  if ((duplicates.length > 0 && config.labels.duplicate) || state.duplicateOf) names.push(duplicateLabel(config));
  return [...new Set(names)].map((name) =>
    spec(name, subsystemLabels.has(name) ? "Kernel subsystem of a bisected culprit (syztriage)" : "Added by syztriage", config),
  );
}

/** `#syz dup` labels even when automatic duplicate labels are off. */
function duplicateLabel(config: Config): string {
  return config.labels.duplicate || "duplicate";
}

/** From an issue's texts to the labels and the comment it should have: shared by the app and the dry run. */
export async function desiredOutcome(input: OutcomeInput): Promise<DesiredOutcome> {
  const { config, repository } = input;
  const state = input.commands?.state ?? EMPTY_STATE;
  const through = input.commands?.through ?? 0;
  const read = input.texts;
  // MAINTAINERS is read only for an issue that holds something to triage.
  const wanted = hasFindings(read) && !state.invalid && config.subsystems.maintainers;
  const maintainers = wanted ? (input.maintainers ?? (await repository?.maintainers()) ?? null) : null;
  const triaged = triage(read, { config, maintainers, subsystemsOverride: state.subsystems });
  const none = { triage: triaged, duplicates: [], removeLabels: [], mentions: [] };
  if (triaged.reports.length + triaged.crashes.length === 0) {
    // Nothing to triage; but a linked log that could not be read is said, never silently dropped.
    const problems = input.problems ?? [];
    return { ...none, labels: [], comment: problems.length > 0 ? renderProblems(problems, state, through) : null };
  }
  if (state.invalid) {
    return { ...none, labels: [spec(config.labels.invalid, "Added by syztriage", config)], comment: renderInvalid(state, through) };
  }

  const existingCommits = new Set<string>();
  if (repository) {
    for (const sha of new Set(triaged.reports.flatMap((r) => (r.report.culprit ? [r.report.culprit.sha] : [])))) {
      if (await repository.commitExists(sha)) existingCommits.add(sha);
    }
  }
  // One search serves both the duplicate hint and a `#syz dup: <title>` that names no issue.
  const titles = crashTitles(triaged);
  const dupTitle = state.duplicateOf && !/^#\d+$/.test(state.duplicateOf) ? state.duplicateOf : null;
  const searched = [...titles, ...(dupTitle ? [dupTitle] : [])];
  const issues = repository && searched.length > 0 ? await repository.openIssues(searched) : [];
  const duplicates = repository && titles.length > 0 ? findDuplicates(titles, issues, repository.issue) : [];
  const duplicateOfIssue = repository && dupTitle ? (findDuplicates([dupTitle], issues, repository.issue)[0]?.number ?? null) : null;
  const mentions = await resolveMentions(triaged.recipients, triaged.culpritAuthors, config.mentions, repository?.logins ?? null);
  const comment = renderComment({
    triage: triaged,
    mentions,
    maxMentions: config.mentions.max,
    repoUrl: repository?.url ?? null,
    existingCommits,
    duplicates,
    problems: input.problems ?? [],
    commands: state,
    duplicateOfIssue,
    through,
  });
  // Labels come off only when a command of this event says so: a person who puts one back keeps it.
  const previous = input.commands?.previous ?? EMPTY_STATE;
  const overrideChanged = state.subsystems !== null && state.subsystems.join() !== (previous.subsystems ?? []).join();
  const undone = previous.duplicateOf !== null && state.duplicateOf === null && duplicates.length === 0;
  const replaced = overrideChanged ? [...triaged.replacedSubsystems, ...(previous.subsystems ?? [])] : [];
  const removeLabels = [
    ...replaced.filter((s) => !state.subsystems?.includes(s)).map((s) => labelName(config.labels.prefix, s)),
    ...(undone ? [duplicateLabel(config)] : []),
  ];
  return { triage: triaged, duplicates, labels: labelSpecs(triaged, duplicates, state, config), removeLabels, mentions, comment };
}
