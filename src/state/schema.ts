import { z } from "zod";
import { MAX_SUBSYSTEMS, MAX_TITLE_LENGTH, SUBSYSTEM_NAME } from "../commands/command.js";

/**
 * What the app remembers about an issue, kept in its own comment (never in
 * memory): what maintainers decided with commands, which labels the app put on
 * the issue, and its last duplicate search. The schema is the only type: the
 * decoder trusts nothing that does not pass it.
 */
export const MAX_HISTORY = 20;
/** More labels than an issue ever gets from the app; bounds what a forged state can make it remove. */
export const MAX_RECORDED_LABELS = 30;
export const MAX_REFUSED = 20;
export const MAX_MENTIONED = 50;
/** A found issue's title as the state keeps it. */
export const MAX_FOUND_TITLE = 300;
// A history value is a title, or up to MAX_SUBSYSTEMS names of at most 40 characters joined by ", ".
const MAX_HISTORY_VALUE_LENGTH = Math.max(MAX_TITLE_LENGTH, MAX_SUBSYSTEMS * 42);
// GitHub logins (39 characters, "[bot]") and ISO timestamps fit easily.
const MAX_AUTHOR_FIELD_LENGTH = 100;

const title = z.string().min(1).max(MAX_TITLE_LENGTH);
const label = z.string().min(1).max(50);

export const HistoryKind = z.enum(["set-subsystems", "dup", "undup", "invalid", "fix", "culprit"]);
export type HistoryKind = z.infer<typeof HistoryKind>;

export const HistoryEntry = z.strictObject({
  kind: HistoryKind,
  /** The argument: the subsystems joined by ", ", the dup target, the fix title, the culprit; null for undup and invalid. */
  value: z.string().max(MAX_HISTORY_VALUE_LENGTH).nullable(),
  /** GitHub login of the comment's author. */
  by: z.string().max(MAX_AUTHOR_FIELD_LENGTH),
  /** When the comment was written (ISO 8601). */
  at: z.string().max(MAX_AUTHOR_FIELD_LENGTH),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** `#syztriage culprit <sha>` names the culprit; `#syztriage culprit none` says there is none. */
export const CulpritOverride = z.union([z.literal("none"), z.string().regex(/^[0-9a-f]{7,40}$/)]);
export type CulpritOverride = z.infer<typeof CulpritOverride>;

export const IssueState = z.strictObject({
  /** Overrides the subsystems the triage computed; null: no override. */
  subsystems: z.array(z.string().regex(SUBSYSTEM_NAME)).min(1).max(MAX_SUBSYSTEMS).nullable(),
  /** A crash title, or "#123" for an issue of the repository. */
  duplicateOf: title.nullable(),
  invalid: z.boolean(),
  fixCommit: title.nullable(),
  /** Overrides the bisection's culprit; null: the bisection's own. Older comments lack it. */
  culprit: CulpritOverride.nullable().default(null),
  /** The last MAX_HISTORY state-changing commands, oldest first. */
  history: z.array(HistoryEntry).max(MAX_HISTORY),
  /** Labels the app added and has not taken off since: the only ones it ever removes. */
  appLabels: z.array(label).max(MAX_RECORDED_LABELS).default([]),
  /** Labels a person took off after the app added them: the app does not add them again. */
  declinedLabels: z.array(label).max(MAX_RECORDED_LABELS).default([]),
  /** The last duplicate search: an edit that keeps these titles reuses what it concluded (`#syztriage retriage` searches again). */
  search: z
    .preprocess(
      // Before the search's conclusions were kept, it kept its raw hits (`found`): such a state searches again once.
      (v) => (typeof v === "object" && v !== null && "found" in v ? null : v),
      z
        .strictObject({
          titles: z.array(title).max(10),
          /** The open issues it found about the same crash. */
          duplicates: z.array(z.strictObject({ number: z.number().int().positive(), title: z.string().max(MAX_FOUND_TITLE) })).max(20),
          /** The open issue a `#syz dup: <title>` named, when it found one. */
          duplicateOf: z.number().int().positive().nullable(),
        })
        .nullable(),
    )
    .default(null),
  /** Labels the issue's events showed a person added: theirs, never asked about again. */
  peopleLabels: z.array(label).max(MAX_RECORDED_LABELS).default([]),
  /** Logins the app has mentioned on this issue: a newly asked person gets a new comment, as an edit notifies no one. */
  mentioned: z.array(z.string().max(MAX_AUTHOR_FIELD_LENGTH)).max(MAX_MENTIONED).default([]),
  /** Logins already told that commands need write access: each is told once per issue. */
  refused: z.array(z.string().max(MAX_AUTHOR_FIELD_LENGTH)).max(MAX_REFUSED).default([]),
});
export type IssueState = z.infer<typeof IssueState>;

/** The fields commands set. */
export type CommandState = Pick<IssueState, "subsystems" | "duplicateOf" | "invalid" | "fixCommit" | "culprit" | "history">;

export const EMPTY_STATE: IssueState = IssueState.parse({ subsystems: null, duplicateOf: null, invalid: false, fixCommit: null, history: [] });

/** A dup target that names an issue (`#123`), not a crash title. */
export function isIssueRef(target: string): boolean {
  return /^#\d+$/.test(target);
}

/** The crash title a `#syz dup:` names; null when it names an issue, or there is none. */
export function dupTitleOf(state: Pick<IssueState, "duplicateOf">): string | null {
  return state.duplicateOf !== null && !isIssueRef(state.duplicateOf) ? state.duplicateOf : null;
}

/** The commit a maintainer's `#syztriage culprit` names; null when there is none, or they said `none`. */
export function namedCulprit(state: Pick<IssueState, "culprit">): string | null {
  return state.culprit !== null && state.culprit !== "none" ? state.culprit : null;
}
