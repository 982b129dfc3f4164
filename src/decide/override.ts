import type { CommitFacts } from "../analyse/reports.js";
import { type RankedSubsystem, rankSubsystems } from "../analyse/subsystems/rank.js";
import type { SubsystemSource } from "../analyse/subsystems/source.js";
import type { IssueState } from "../state/index.js";

/** The culprit a maintainer named with `#syztriage culprit`, in place of the bisection's. */
export interface Override {
  /** null: "there is no culprit". */
  sha: string | null;
  /** Who said so. */
  by: string;
  /** What the kernel tree says of the commit; null when it does not have it (or for "none"). */
  commit: CommitFacts | null;
  /** The subsystems of its files, when the tree gave them. */
  subsystems: RankedSubsystem[] | null;
}

export function overrideOf(state: IssueState, commits: ReadonlyMap<string, CommitFacts>, sources: readonly SubsystemSource[]): Override | null {
  if (state.culprit === null) return null;
  const by = state.history.findLast((h) => h.kind === "culprit")?.by ?? "a maintainer";
  if (state.culprit === "none") return { sha: null, by, commit: null, subsystems: null };
  const found = commits.get(state.culprit);
  const commit = found?.exists ? found : null;
  const subsystems = commit && commit.files.length > 0 ? rankSubsystems(commit.files, [...sources]) : null;
  return { sha: state.culprit, by, commit, subsystems };
}
