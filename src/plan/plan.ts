/**
 * Decide, then write only what differs: the plan is a pure value computed
 * from what the issue should look like and what it looks like now, so a
 * redelivered event or an edit that changes nothing costs no write.
 */
export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

export interface DesiredState {
  labels: LabelSpec[];
  /** Labels the app itself set that a maintainer's command replaced; removed only when present. */
  removeLabels?: string[];
  /** The app's comment body, or null to leave the comment alone. */
  comment: string | null;
}

export interface CurrentState {
  issueLabels: string[];
  /** The app's own comment on the issue, found by the app's identity. */
  comment: { id: number; body: string } | null;
}

export interface Plan {
  /** Labels to make sure exist before adding them (creating one that exists is harmless). */
  createLabels: LabelSpec[];
  addLabels: string[];
  removeLabels: string[];
  comment: { action: "create"; body: string } | { action: "update"; id: number; body: string } | null;
}

export function planActions(desired: DesiredState, current: CurrentState): Plan {
  const present = new Set(current.issueLabels.map((l) => l.toLowerCase()));
  const missing = desired.labels.filter((l) => !present.has(l.name.toLowerCase()));
  let comment: Plan["comment"] = null;
  if (desired.comment !== null) {
    if (!current.comment) comment = { action: "create", body: desired.comment };
    else if (current.comment.body !== desired.comment) comment = { action: "update", id: current.comment.id, body: desired.comment };
  }
  const keep = new Set(desired.labels.map((l) => l.name.toLowerCase()));
  const removeLabels = current.issueLabels.filter((l) => {
    const name = l.toLowerCase();
    return !keep.has(name) && (desired.removeLabels ?? []).some((r) => r.toLowerCase() === name);
  });
  return { createLabels: missing, addLabels: missing.map((l) => l.name), removeLabels, comment };
}
