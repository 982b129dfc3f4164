import type { AnalysedCrash, AnalysedReport } from "../analyse/reports.js";
import type { RankedSubsystem } from "../analyse/subsystems/rank.js";
import { significantSubsystems } from "../analyse/subsystems/rank.js";
import type { Config } from "../config/schema.js";
import { culpritDoubt } from "../analyse/doubt.js";
import { type IssueState, MAX_RECORDED_LABELS } from "../state/index.js";
import type { LabelEvent } from "./facts.js";
import type { LabelSpec } from "./plan.js";
import type { Override } from "./override.js";

/**
 * Which evidence the subsystem labels follow, in order of trust: a
 * maintainer's `#syz set subsystems`; the files of a culprit that deserves
 * trust (a maintainer's `#syztriage culprit`, else the newest report whose
 * culprit is not judged unreliable); the guilty file of the bug's own crash;
 * nothing, said plainly. One report decides, never a mix.
 */
export interface SubsystemChoice {
  names: string[];
  /** Where they came from, for the comment: "from the culprit's files". */
  from: string;
  /** The report (or crash report) the labels follow. */
  follows: AnalysedReport | AnalysedCrash | null;
  /** The files behind the names, whose maintainers `mentions.maintainers` asks to act. */
  files: string[];
}

export interface LabelChoice {
  subsystems: SubsystemChoice | null;
  /** Why the issue has no subsystem label, when it has none. */
  missing: string | null;
  /** Every label the evidence supports, in order. */
  wanted: LabelSpec[];
}

/** Why a report's culprit does not label the issue, in a few words; null when it does. */
function labelDoubt(r: AnalysedReport, config: Config): string | null {
  const doubt = culpritDoubt(r);
  if (doubt !== null) return doubt;
  if (!config.subsystems.from.includes("culprit")) return "`subsystems.from` leaves the culprit out";
  if (r.files.length === 0) return r.report.direction === "fix" ? "the fix's files are unknown" : "the culprit's files are unknown";
  return null;
}

function fromCulprit(ranked: RankedSubsystem[], from: string, follows: AnalysedReport | null): SubsystemChoice | null {
  const kept = significantSubsystems(ranked);
  return kept.length === 0 ? null : { names: kept.map((s) => s.name), from, follows, files: [...new Set(kept.flatMap((s) => s.files))] };
}

function fromCrash(follows: AnalysedReport | AnalysedCrash, subsystems: RankedSubsystem[], file: string, because: string | null): SubsystemChoice | null {
  if (subsystems.length === 0) return null;
  return { names: subsystems.map((s) => s.name), from: `from the crash's guilty file${because ? `, because ${because}` : ""}`, follows, files: [file] };
}

/** The subsystems, or why there are none. */
function chooseSubsystems(
  reports: readonly AnalysedReport[],
  crashes: readonly AnalysedCrash[],
  override: Override | null,
  state: IssueState,
  config: Config,
): { choice: SubsystemChoice | null; missing: string | null } {
  if (state.subsystems) {
    const by = state.history.findLast((h) => h.kind === "set-subsystems")?.by;
    return { choice: { names: state.subsystems, from: `set by ${by ?? "a maintainer"}`, follows: null, files: [] }, missing: null };
  }
  const useCrash = config.subsystems.from.includes("crash");
  const crashOf = (because: string | null) => {
    if (!useCrash) return null;
    for (const r of reports) {
      const own = r.ownCrash;
      if (own?.guiltyFile) return fromCrash(r, own.subsystems, own.guiltyFile, because);
    }
    return null;
  };
  if (override) {
    const choice = override.subsystems
      ? fromCulprit(override.subsystems, `from the files of the culprit ${override.by} named instead`, null)
      : crashOf(override.sha === null ? `${override.by} said there is no culprit` : `the culprit ${override.by} named could not be read from the kernel tree`);
    return { choice, missing: choice ? null : "the evidence left has no report of the bug's own crash" };
  }
  for (const r of reports) {
    if (labelDoubt(r, config) !== null) continue;
    const whose = r.report.direction === "fix" ? "the fix's" : "the culprit's";
    const choice = fromCulprit(r.culpritSubsystems, `from ${whose} files${r.filesFrom === "kernel tree" ? " in the kernel tree" : ""}`, r);
    if (choice) return { choice, missing: null };
  }
  const doubt = reports.map((r) => labelDoubt(r, config)).find((d) => d !== null) ?? null;
  const crash = crashOf(doubt);
  if (crash) return { choice: crash, missing: null };
  if (useCrash) {
    for (const c of crashes) {
      if (c.finding.crash.guiltyFile) {
        const choice = fromCrash(c, c.subsystems, c.finding.crash.guiltyFile, null);
        if (choice) return { choice, missing: null };
      }
    }
  }
  if (reports.length === 0) {
    const named = crashes.some((c) => c.finding.crash.guiltyFile !== null);
    const missing = !useCrash ? "`subsystems.from` leaves the crash out" : named ? "the crash report's guilty file belongs to no subsystem the rules or MAINTAINERS know" : "the crash report names no guilty file";
    return { choice: null, missing };
  }
  const own = reports.find((r) => r.ownCrash !== null)?.ownCrash;
  const stray = reports.find((r) => r.strayCrash !== null)?.strayCrash;
  const crashPart = !useCrash
    ? "`subsystems.from` leaves the crash out"
    : own
      ? own.guiltyFile
        ? "the crash's guilty file belongs to no known subsystem either"
        : "the crash report names no guilty file"
      : `the text has no report of the bug's own crash${stray ? ` (the crash it ends with, "${stray}", is not the bug's own)` : ""}`;
  return { choice: null, missing: `${doubt ?? "the culprit's files belong to no subsystem the rules or MAINTAINERS know"}, and ${crashPart}` };
}

/** The description each kind of label the app creates gets on GitHub. */
export const LABEL_DESCRIPTIONS = {
  subsystem: "Kernel subsystem (syztriage)",
  other: "Added by syztriage",
  unreliable: "The bisection's culprit looks unreliable (syztriage)",
  crash: "A crash report without a bisection (syztriage)",
  duplicate: "Another open issue has the same crash (syztriage)",
} as const;

export function labelName(prefix: string, subsystem: string): string {
  return `${prefix}${subsystem}`.slice(0, 50).trim();
}

/** Every label the evidence supports: subsystems, the extras, unreliable, crash report, duplicate. */
export function chooseLabels(input: {
  reports: readonly AnalysedReport[];
  crashes: readonly AnalysedCrash[];
  override: Override | null;
  state: IssueState;
  duplicates: number;
  config: Config;
}): LabelChoice {
  const { config, state } = input;
  const { choice, missing } = chooseSubsystems(input.reports, input.crashes, input.override, state, config);
  const spec = (name: string, description: string): LabelSpec => ({ name, color: config.labels.color, description });
  // A maintainer's `#syz set subsystems` is taken whole; evidence is cut to `subsystems.max`.
  const names = state.subsystems ? (choice?.names ?? []) : (choice?.names ?? []).slice(0, config.subsystems.max);
  const judged = input.reports.filter((r) => r.judgement.kind === "verdict");
  // Unreliable is judged per report: the issue is labelled only when none is reliable, and a maintainer's culprit settles it.
  const unreliable =
    config.labels.unreliable !== "" && input.override === null && judged.length > 0 && judged.every((r) => r.judgement.kind === "verdict" && !r.judgement.verdict.reliable);
  const wanted = [
    ...names.map((n) => spec(labelName(config.labels.prefix, n), LABEL_DESCRIPTIONS.subsystem)),
    ...config.labels.extra.map((n) => spec(n, LABEL_DESCRIPTIONS.other)),
    ...(unreliable ? [spec(config.labels.unreliable, LABEL_DESCRIPTIONS.unreliable)] : []),
    ...(input.crashes.length > 0 && config.labels.crash ? [spec(config.labels.crash, LABEL_DESCRIPTIONS.crash)] : []),
    ...((input.duplicates > 0 && config.labels.duplicate) || state.duplicateOf ? [spec(duplicateLabel(config), LABEL_DESCRIPTIONS.duplicate)] : []),
  ];
  const unique = [...new Map(wanted.map((l) => [l.name.toLowerCase(), l])).values()];
  return { subsystems: choice ? { ...choice, names } : null, missing, wanted: unique };
}

/** `#syz dup` labels even when automatic duplicate labels are off. */
export function duplicateLabel(config: Config): string {
  return config.labels.duplicate || "duplicate";
}

/**
 * The labels whose owner the app's record cannot tell, which the issue's events
 * settle: wanted labels on the issue it did not record (a person's, or its own
 * from a try whose comment failed); recorded labels no longer there (a person
 * took them off, or the try that recorded them failed to add them); and
 * recorded labels the evidence no longer supports (a person may have taken one
 * off and put it back, making it theirs). Labels the events already showed to
 * be people's are not asked about again.
 */
export function labelsInDoubt(wanted: readonly LabelSpec[], current: readonly string[], state: Pick<IssueState, "appLabels" | "peopleLabels">): string[] {
  const set = (names: readonly string[]) => new Set(names.map((n) => n.toLowerCase()));
  const present = set(current);
  const recorded = set(state.appLabels);
  const people = set(state.peopleLabels);
  const isWanted = set(wanted.map((l) => l.name));
  const known = (n: string) => people.has(n.toLowerCase());
  return [
    ...wanted.filter((l) => present.has(l.name.toLowerCase()) && !recorded.has(l.name.toLowerCase()) && !known(l.name)).map((l) => l.name),
    ...state.appLabels.filter((n) => !present.has(n.toLowerCase())),
    ...state.appLabels.filter((n) => present.has(n.toLowerCase()) && !isWanted.has(n.toLowerCase()) && !known(n)),
  ];
}

/**
 * Labels follow the evidence, and people have the last word: the app adds what
 * the evidence supports, takes off only labels it added itself that the
 * evidence no longer supports, and never puts back a label a person took off
 * (unless a maintainer's command asks for it again). With the issue's events
 * (`history`), a label the app added in a try whose comment failed is still its
 * own, one whose adding failed is not mistaken for one a person took off, and
 * one a person put back is theirs (remembered in `peopleLabels`).
 */
export function reconcileLabels(
  wanted: readonly LabelSpec[],
  current: readonly string[],
  state: Pick<IssueState, "appLabels" | "declinedLabels" | "peopleLabels">,
  commanded: readonly string[],
  history: ReadonlyMap<string, LabelEvent> | null = null,
): { add: LabelSpec[]; remove: string[]; appLabels: string[]; declinedLabels: string[]; peopleLabels: string[] } {
  // Label names are compared as GitHub does, without case.
  const key = (name: string) => name.toLowerCase();
  const has = (names: readonly string[]) => {
    const set = new Set(names.map(key));
    return (name: string) => set.has(key(name));
  };
  const last = (name: string) => history?.get(key(name));
  const byPerson = (name: string) => last(name)?.action === "labeled" && last(name)?.byApp === false;
  const present = has(current);
  const isWanted = has(wanted.map((l) => l.name));
  const isCommanded = has(commanded);
  const recorded = has(state.appLabels);
  const peopleLabels = unique([...state.peopleLabels.filter(present), ...current.filter(byPerson)], key);
  const isPeople = has(peopleLabels);
  // The app's labels on the issue: recorded and not put back by a person, or (by the events) added by it in a try it could not record.
  const ours = [
    ...state.appLabels.filter((n) => present(n) && !isPeople(n)),
    ...current.filter((n) => !recorded(n) && isWanted(n) && last(n)?.action === "labeled" && last(n)?.byApp === true),
  ];
  // Recorded but gone: a person took it off, unless the events say the app never got it on.
  // A label that was a person's and is gone was taken off by a person too.
  const takenOff = [
    ...state.appLabels.filter((n) => !present(n) && (history === null || (last(n)?.action === "unlabeled" && last(n)?.byApp === false))),
    ...state.peopleLabels.filter((n) => !present(n)),
  ];
  const declined = unique([...state.declinedLabels, ...takenOff].filter((n) => !isCommanded(n)), key);
  const isDeclined = has(declined);
  const add = wanted.filter((l) => !present(l.name) && !isDeclined(l.name));
  const remove = ours.filter((n) => !isWanted(n));
  const appLabels = unique([...ours.filter((n) => isWanted(n)), ...add.map((l) => l.name)], key);
  return {
    add,
    remove,
    appLabels: appLabels.slice(-MAX_RECORDED_LABELS),
    declinedLabels: declined.slice(-MAX_RECORDED_LABELS),
    peopleLabels: peopleLabels.slice(-MAX_RECORDED_LABELS),
  };
}

function unique(names: readonly string[], key: (name: string) => string): string[] {
  return [...new Map(names.map((n) => [key(n), n])).values()];
}
