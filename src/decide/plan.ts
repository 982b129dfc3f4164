/**
 * Everything the app will write for one triage, as a value: the only thing
 * github/apply.ts carries out, and what the dry run prints. An event that
 * changes nothing gets an empty plan.
 */
export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

export interface Plan {
  /** Labels to create before adding them (creating one that exists is harmless). */
  createLabels: LabelSpec[];
  addLabels: string[];
  removeLabels: string[];
  comment: { action: "create"; body: string } | { action: "update"; id: number; body: string } | null;
  /** Summaries beyond the first: another replica (or an old bug) wrote them. */
  deleteComments: number[];
  /** A +1 on each comment whose commands ran. */
  reactions: number[];
  /** Short replies: to commands that were refused or could not be read. */
  replies: string[];
  /** What the issue ends up with, for the dry run and the logs. */
  outcome: { labels: string[]; mentions: string[] };
}

export function isEmpty(plan: Plan): boolean {
  return (
    plan.createLabels.length + plan.addLabels.length + plan.removeLabels.length + plan.deleteComments.length + plan.reactions.length + plan.replies.length === 0 &&
    plan.comment === null
  );
}
