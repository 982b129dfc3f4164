import { COMMAND_HELP, type RunnableKind } from "../commands/index.js";
import type { Person } from "../decide/mentions.js";
import { commentHeader, EMPTY_STATE, type HistoryEntry, type IssueState, isIssueRef } from "../state/index.js";
import { code, codeBlock, inline } from "./escape.js";
import { crashHeadline, overrideHeadline, reportHeadline } from "./headline.js";
import { crashBlock, originText, overrideBlock, reportBlock } from "./report-section.js";
import type { LinkProblem, TriageView } from "./view.js";

/** GitHub rejects longer comment bodies. */
export const MAX_COMMENT_LENGTH = 65_536;
const HISTORY_SHOWN = 5;

const ROLE_WORDS: Record<Person["role"], string> = {
  author: " (the culprit's author)",
  maintainer: " (MAINTAINERS)",
  recipient: "",
};

function personText(p: Person): string {
  return p.name ? `${inline(p.name, 60)} ${code(p.email, 100)}` : code(p.email, 100);
}

/** The start of the line that mentions the people asked to act. */
export const WHO_SHOULD_LOOK = "**Who should look:**";

/** Who should act: mentioned where the policy allows, named otherwise, and why. */
function peopleLines(view: TriageView): string[] {
  const { people } = view;
  const out: string[] = [];
  if (people.mentioned.length > 0) out.push(`${WHO_SHOULD_LOOK} ${people.mentioned.map((p) => `@${p.login}${ROLE_WORDS[p.role]}`).join(", ")}.`);
  if (people.overCap.length > 0) out.push(`Not mentioned, over the limit of ${view.config.mentions.max}: ${people.overCap.map(personText).join(", ")}.`);
  if (people.unfound.length > 0) out.push(`No GitHub account found for ${people.unfound.map(personText).join(", ")}.`);
  if (people.unsearched.length > 0) {
    const why = view.config.mentions.lookup ? `the app looks up only as many people as it can mention, ${view.config.mentions.max}` : "`mentions.lookup` is off";
    out.push(`Not looked up on GitHub (${why}): ${people.unsearched.map(personText).join(", ")}.`);
  }
  if (people.withheld.length > 0) {
    out.push(`**Not mentioned**, because ${people.reasons.map((r) => inline(r, 200)).join("; ")}: ${people.withheld.map(personText).join(", ")}.`);
  }
  if (people.lists.length > 0) out.push(`Mailing lists: ${people.lists.map((l) => code(l, 100)).join(", ")}.`);
  return out;
}

function labelLines(view: TriageView): string[] {
  const { labels } = view;
  const out: string[] = [];
  const s = labels.subsystems;
  if (s && s.names.length > 0) out.push(`**${s.names.length === 1 ? "Subsystem" : "Subsystems"}:** ${s.names.map((n) => inline(n, 50)).join(", ")} (${inline(s.from, 200)}).`);
  else if (labels.missing) out.push(`**No subsystem label:** ${inline(labels.missing, 400)}.`);
  if (view.duplicates.length > 0) {
    // `#N` is meant here: the cross-reference tells the other issue about this one.
    out.push(`**Possible duplicate of** ${view.duplicates.map((d) => `#${d.number} (${inline(d.title, 120)})`).join(", ")}: same crash title.`);
  }
  return out;
}

const HISTORY_WORDS: Record<HistoryEntry["kind"], string> = {
  "set-subsystems": "set the subsystems to",
  dup: "marked it a duplicate of",
  undup: "undid the duplicate mark",
  invalid: "marked it invalid",
  fix: "named the fixing commit",
  culprit: "named the culprit",
};

function historyLine(h: HistoryEntry): string {
  const value = h.value === null ? "" : h.kind === "dup" && isIssueRef(h.value) ? ` ${h.value}` : ` ${code(h.value, 200)}`;
  return `- ${inline(h.by, 40)} ${HISTORY_WORDS[h.kind]}${value} (${inline(h.at.slice(0, 10), 10)})`;
}

/** What maintainers decided with commands. */
function decisionLines(state: IssueState, duplicateOfIssue: number | null): string[] {
  const out: string[] = [];
  if (state.duplicateOf) {
    // `#N` is meant here: the cross-reference tells the other issue about this one.
    const title = isIssueRef(state.duplicateOf) ? null : code(state.duplicateOf, 200);
    const target = title === null ? state.duplicateOf : duplicateOfIssue ? `#${duplicateOfIssue} (${title})` : title;
    out.push(`**Duplicate of** ${target}.`);
  }
  if (state.fixCommit) out.push(`**Fixed by** ${code(state.fixCommit, 200)}.`);
  if (state.history.length > 0) out.push("", "Maintainers' commands:", ...state.history.slice(-HISTORY_SHOWN).map(historyLine));
  return out;
}

/** The commands that apply to this issue now, folded: what to do when the app got it wrong. */
function nextSteps(view: TriageView): string[] {
  const hasCulprit = view.override !== null || view.reports.some((r) => r.report.culprit !== null);
  const kinds: RunnableKind[] = [
    ...(hasCulprit || view.reports.length > 0 ? (["culprit"] as const) : []),
    "set-subsystems",
    view.state.duplicateOf ? "undup" : "dup",
    "fix",
    "invalid",
    "retriage",
  ];
  const items = kinds.map((k) => `- ${code(COMMAND_HELP[k].usage)}: ${COMMAND_HELP[k].effect}`);
  return ["<details><summary>Corrections and next steps</summary>", "", "Write one of these at the start of a line in a comment (people with write access):", "", ...items, "", "</details>"];
}

/** One GitHub note for everything the app could not do. */
function problemNotes(problems: readonly LinkProblem[]): string[] {
  if (problems.length === 0) return [];
  // The address as code: never a link the app's comment would vouch for.
  const text = (p: LinkProblem) => `${p.read ? "Could not read" : "Did not read"} the linked log ${code(p.url, 200)}: ${inline(p.why, 200)}.`;
  return ["> [!NOTE]", ...problems.map((p) => `> ${problems.length > 1 ? "- " : ""}${text(p)}`)];
}

function headlines(view: TriageView): string[] {
  const lines = [
    ...(view.override ? [overrideHeadline(view.override, view)] : []),
    ...view.reports.map((r) => reportHeadline(r, view)),
    ...view.crashes.map(crashHeadline),
  ];
  if (lines.length === 1) return lines;
  const choice = view.labels.subsystems;
  const follows = choice?.follows;
  // A maintainer's culprit, listed first, is what the labels follow when they come from no report.
  const index = follows ? [...view.reports, ...view.crashes].indexOf(follows as never) + (view.override ? 1 : 0) : view.override && choice && !view.state.subsystems ? 0 : -1;
  const note = index >= 0 ? `; the labels follow ${index + 1}` : "";
  return [`**${lines.length} results**, newest first${note}:`, "", ...lines.map((l, i) => `${i + 1}. ${l}`)];
}

function render(view: TriageView, details: boolean): string {
  const out: string[] = [commentHeader(view.state, view.through), ...headlines(view)];
  const section = (lines: string[]) => {
    if (lines.length > 0) out.push("", ...lines);
  };
  section(peopleLines(view));
  section(labelLines(view));
  const many = view.reports.length + view.crashes.length + (view.override ? 1 : 0) > 1;
  const offset = view.override ? 2 : 1;
  out.push(...overrideBlock(view, many && view.override ? `#### 1. Set by ${inline(view.override.by, 40)}` : null));
  view.reports.forEach((r, i) => out.push(...reportBlock(r, view, many ? `#### ${i + offset}. From ${originText(r.origin)}` : null, details)));
  view.crashes.forEach((c, i) => out.push(...crashBlock(c, many ? `#### ${view.reports.length + i + offset}. From ${originText(c.origin)}` : null)));
  section(decisionLines(view.state, view.duplicateOfIssue));
  section(problemNotes(view.problems));
  if (details) section(nextSteps(view));
  return out.join("\n") + "\n";
}

/** The app's one comment on a triaged issue: the answer first, details folded, cut to GitHub's limit. */
export function renderTriage(view: TriageView): string {
  const full = render(view, true);
  if (full.length <= MAX_COMMENT_LENGTH) return full;
  const compact = render(view, false);
  if (compact.length <= MAX_COMMENT_LENGTH) return compact;
  const note = "\n\n(truncated: the issue holds more reports than one comment can show)\n";
  return compact.slice(0, MAX_COMMENT_LENGTH - note.length) + note;
}

/** The comment of an issue whose only logs could not be read. */
export function renderProblems(problems: readonly LinkProblem[], state: IssueState, through: number): string {
  return [commentHeader(state, through), "**No report read:** the issue links logs the app could not read.", "", ...problemNotes(problems), ""].join("\n");
}

/** The summary of an issue whose reports were edited or deleted away: the app's labels go, people's stay. */
export function renderGone(state: IssueState, through: number, removed: readonly string[]): string {
  const labels = removed.length > 0 ? ` The labels the app added are taken off (${removed.map((l) => code(l, 50)).join(", ")}); labels people added stay.` : "";
  return [
    commentHeader(state, through),
    `**No report left:** the issue no longer holds a bisection log or crash report the app can read, so there is nothing to summarize.${labels}`,
    "",
  ].join("\n");
}

/** The summary of an issue a maintainer marked invalid. */
export function renderInvalid(state: IssueState, through: number): string {
  const by = state.history.findLast((h) => h.kind === "invalid")?.by;
  return [
    commentHeader(state, through),
    `**Invalid:** ${by ? `${inline(by, 40)} marked` : "a maintainer marked"} this report invalid with \`#syz invalid\`; the app no longer triages the issue.`,
    "",
  ].join("\n");
}

/** The comment of an issue whose repository's `.github/syztriage.yml` is invalid: nothing else is done until it is fixed. */
export function renderConfigError(error: string, state: IssueState | null, through: number): string {
  return [
    commentHeader(state ?? EMPTY_STATE, through),
    "**Configuration error:** `.github/syztriage.yml` is invalid, so this issue was not triaged (no labels, no mentions):",
    "",
    codeBlock(error, 50, 500),
    "",
    "Fix the file on the default branch, then edit the issue or comment `#syztriage retriage` to triage it again.",
    "",
  ].join("\n");
}
