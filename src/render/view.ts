import type { AnalysedCrash, AnalysedReport, CommitFacts } from "../analyse/reports.js";
import type { Config } from "../config/schema.js";
import type { LabelChoice } from "../decide/labels.js";
import type { MentionDecision } from "../decide/mentions.js";
import type { Override } from "../decide/override.js";
import type { IssueState } from "../state/index.js";

/** Everything the triage comment shows, as decide() settled it. */
export interface TriageView {
  /** Newest first: the first is the one a maintainer reads first. */
  reports: readonly AnalysedReport[];
  crashes: readonly AnalysedCrash[];
  override: Override | null;
  labels: LabelChoice;
  people: MentionDecision;
  /** What the kernel tree says of the reports' commits: only commits it has are linked. */
  commits: ReadonlyMap<string, CommitFacts>;
  /** Open issues about the same crash. */
  duplicates: readonly { number: number; title: string }[];
  /** The open issue a `#syz dup: <title>` names, when the search found it. */
  duplicateOfIssue: number | null;
  /** Things the app could not do, said plainly (a link it could not read). */
  problems: readonly LinkProblem[];
  config: Config;
  /** The state the comment records in its header. */
  state: IssueState;
  /** The newest comment whose commands were handled. */
  through: number;
}

/** A linked log the app could not read (`read`: it tried) or did not read, and why. */
export interface LinkProblem {
  url: string;
  read: boolean;
  why: string;
}
