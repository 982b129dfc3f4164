import { type Analysis, analyse } from "../analyse/reports.js";
import type { Config } from "../config/schema.js";
import { crashTitleOfIssue } from "../parse/index.js";
import { renderConfigError, renderGone, renderInvalid, renderProblems, renderTriage, WHO_SHOULD_LOOK } from "../render/comment.js";
import { askedReply } from "../render/replies.js";
import type { LinkProblem } from "../render/view.js";
import { type IssueState, MAX_MENTIONED } from "../state/index.js";
import { type CommandsOutcome, foldCommands, summaries } from "./commands.js";
import type { Facts } from "./facts.js";
import { chooseLabels, duplicateLabel, LABEL_DESCRIPTIONS, type LabelChoice, labelName, reconcileLabels } from "./labels.js";
import { trustedAuthor } from "./authors.js";
import { duplicatesOf } from "./lookups.js";
import { decideMentions, type MentionDecision, mentionBlock } from "./mentions.js";
import { type Override, overrideOf } from "./override.js";
import type { LabelSpec, Plan } from "./plan.js";
import { subsystemSources } from "./subsystem-sources.js";

/** The issue's analysis, as decide() and the gathering of facts both compute it. */
export function analyseFacts(facts: Pick<Facts, "texts" | "fetched" | "unread" | "commits" | "maintainers" | "issue">, config: Config): Analysis {
  return analyse({
    texts: facts.texts,
    fetched: facts.fetched,
    unread: facts.unread,
    commits: facts.commits,
    sources: subsystemSources(config, facts.maintainers),
    issueTitle: crashTitleOfIssue(facts.issue.title),
  });
}

/** Who is asked to act, from the analysis and the labels' evidence. */
function mentionsFor(facts: Pick<Facts, "commits" | "logins" | "maintainers">, analysis: Analysis, override: Override | null, files: readonly string[], followsTrusted: boolean, config: Config): MentionDecision {
  const newest = [...analysis.reports].reverse();
  const blocked = newest.flatMap((r) => {
    const reason = mentionBlock(r, config);
    return reason ? [{ report: r, reason }] : [];
  });
  const mentionable = override ? [] : newest.filter((r) => !blocked.some((b) => b.report === r));
  const off = !config.mentions.enabled || config.mentions.when === "never";
  return decideMentions({
    reports: off ? [] : mentionable,
    blocked: override ? [] : blocked,
    override: override && !off ? { sha: override.sha ?? "", commit: override.commit } : null,
    maintainerFiles: !off && followsTrusted ? files : [],
    maintainers: facts.maintainers?.maintainers ?? null,
    commits: facts.commits,
    logins: facts.logins,
    config,
  });
}

/**
 * The culprit a maintainer named, the labels the evidence supports and the
 * people asked to act: what the comment and the plan follow, and what the
 * gathering asks about (its logins to look up) before the search has run.
 */
export function settle(facts: Pick<Facts, "commits" | "logins" | "maintainers">, analysis: Analysis, state: IssueState, duplicates: number, config: Config): { override: Override | null; labels: LabelChoice; people: MentionDecision } {
  const override = overrideOf(state, facts.commits, subsystemSources(config, facts.maintainers));
  const labels = chooseLabels({ reports: [...analysis.reports].reverse(), crashes: analysis.crashes, override, state, duplicates, config });
  const follows = labels.subsystems?.follows ?? null;
  const followsTrusted = override !== null || (follows !== null && trustedAuthor(follows.origin, config));
  const people = mentionsFor(facts, analysis, override, labels.subsystems?.files ?? [], followsTrusted, config);
  return { override, labels, people };
}

function emptyPlan(): Plan {
  return { createLabels: [], addLabels: [], removeLabels: [], comment: null, deleteComments: [], reactions: [], replies: [], outcome: { labels: [], mentions: [] } };
}

/** The comment write that makes the summary say `body` (none when it already does). */
function commentWrite(summary: { id: number; body: string } | null, body: string): Plan["comment"] {
  if (!summary) return { action: "create", body };
  return summary.body === body ? null : { action: "update", id: summary.id, body };
}

/** The label writes (creations for labels not known to exist, additions, removals) and the labels the issue ends up with. */
function labelWrites(current: readonly string[], add: readonly LabelSpec[], remove: readonly string[]): Pick<Plan, "createLabels" | "addLabels" | "removeLabels"> & { labels: string[] } {
  const key = (names: readonly string[]) => new Set(names.map((l) => l.toLowerCase()));
  const present = key(current);
  const removed = key(remove);
  const labels = [...current.filter((l) => !removed.has(l.toLowerCase())), ...add.map((l) => l.name).filter((l) => !present.has(l.toLowerCase()))];
  return { createLabels: [...add], addLabels: add.map((l) => l.name), removeLabels: [...remove], labels };
}

interface Settled {
  commands: CommandsOutcome;
  summary: { id: number; body: string } | null;
  extras: number[];
}

/** The plan of these label writes and this summary, with the commands' reactions and replies and the stray summaries' deletion. */
function finish(settled: Settled, writes: ReturnType<typeof labelWrites>, body: string, mentions: string[] = []): Plan {
  const { commands } = settled;
  const { labels, ...labelPlan } = writes;
  return {
    ...labelPlan,
    comment: commentWrite(settled.summary, body),
    deleteComments: settled.extras,
    reactions: commands.ran,
    replies: commands.replies,
    outcome: { labels, mentions },
  };
}

/** The labels of an issue whose reports ask for the invalid label only: what the app put on stays. */
function invalidPlan(settled: Settled, facts: Facts, config: Config, state: IssueState): Plan {
  const label: LabelSpec = { name: config.labels.invalid, color: config.labels.color, description: LABEL_DESCRIPTIONS.other };
  const reconciled = reconcileLabels([label], facts.issue.labels, { appLabels: [], declinedLabels: state.declinedLabels, peopleLabels: state.peopleLabels }, newlyCommanded(settled.commands, config));
  const next = { ...state, appLabels: [...new Set([...state.appLabels, ...reconciled.appLabels])], declinedLabels: reconciled.declinedLabels };
  return finish(settled, labelWrites(facts.issue.labels, reconciled.add, []), renderInvalid(next, settled.commands.through));
}

/** The labels maintainers' commands ask for: what an issue without reports keeps. */
export function commandedLabels(state: IssueState, config: Config): LabelSpec[] {
  const spec = (name: string, description: string): LabelSpec => ({ name, color: config.labels.color, description });
  return [
    ...(state.subsystems ?? []).map((s) => spec(labelName(config.labels.prefix, s), LABEL_DESCRIPTIONS.subsystem)),
    ...(state.duplicateOf ? [spec(duplicateLabel(config), LABEL_DESCRIPTIONS.duplicate)] : []),
  ];
}

/** Labels this triage's new commands ask for: they come back even if a person took them off before. */
function newlyCommanded(commands: CommandsOutcome, config: Config): string[] {
  const { previous, state } = commands;
  return [
    ...(previous.subsystems?.join() !== state.subsystems?.join() ? (state.subsystems ?? []).map((s) => labelName(config.labels.prefix, s)) : []),
    ...(previous.duplicateOf !== state.duplicateOf && state.duplicateOf ? [duplicateLabel(config)] : []),
    ...(!previous.invalid && state.invalid ? [config.labels.invalid] : []),
  ];
}

/** The plan of an issue whose reports were edited or deleted away: the labels the app added go, except those maintainers' commands asked for; people's stay. */
function gonePlan(settled: Settled, facts: Facts, config: Config, state: IssueState): Plan {
  const reconciled = reconcileLabels(commandedLabels(state, config), facts.issue.labels, state, newlyCommanded(settled.commands, config), facts.labelHistory);
  const next = { ...state, appLabels: reconciled.appLabels, declinedLabels: reconciled.declinedLabels, peopleLabels: reconciled.peopleLabels };
  return finish(settled, labelWrites(facts.issue.labels, reconciled.add, reconciled.remove), renderGone(next, settled.commands.through, reconciled.remove));
}

/**
 * People the summary newly asks to act: GitHub notifies no one of a mention an
 * edit adds, so they get a short comment of their own. Someone the summary
 * mentioned before (in its state, or in its text from before the state kept
 * them) is not asked twice.
 */
function newlyAsked(summary: { body: string } | null, state: IssueState, mentioned: readonly string[]): string[] {
  if (!summary) return [];
  const before = new Set(state.mentioned.map((l) => l.toLowerCase()));
  // A summary from before the state kept them says whom it asked on its "Who should look" line.
  const legacy = state.mentioned.length === 0 ? (summary.body.split("\n").find((l) => l.startsWith(WHO_SHOULD_LOOK)) ?? "") : "";
  const askedIn = (login: string) => new RegExp(`(?<![\\w.@-])@${login.replace(/[^\w-]/g, "")}(?![\\w-])`, "i").test(legacy);
  return mentioned.filter((l) => !before.has(l.toLowerCase()) && !askedIn(l));
}

/**
 * The whole plan for one issue, from everything the app knows about it: which
 * labels to add and take off, whom to mention, the comment, the reactions and
 * replies to commands, and the stray summaries to delete. Pure: the app and the
 * dry run call it with the facts they gathered.
 */
export function decide(facts: Facts): Plan {
  const { summary, extras, header } = summaries(facts.comments);
  const summaryRef = summary ? { id: summary.id, body: summary.body } : null;
  if (!facts.config.ok) {
    // A broken config steers nothing: no labels, no mentions, commands wait for the fix.
    const body = renderConfigError(facts.config.error, header?.state ?? null, header?.through ?? 0);
    return { ...emptyPlan(), comment: commentWrite(summaryRef, body), deleteComments: extras };
  }
  const config = facts.config.config;
  const commands = foldCommands(facts.comments, header, facts.permissions, facts.edited);
  const settled: Settled = { commands, summary: summaryRef, extras };
  const state = commands.state;
  const analysis = analyseFacts(facts, config);
  const problems: LinkProblem[] = [
    ...[...facts.unread].map(([url, why]) => ({ url, read: true, why })),
    ...facts.skipped.map((s) => ({ url: s.url, read: false, why: s.reason })),
  ];

  // Nothing to triage: a link that could not be read is said, never silently dropped, and a summary
  // whose reports were edited away says so. Commands only steer an issue the app triages.
  const nothing = analysis.reports.length + analysis.crashes.length === 0;
  if (nothing && problems.length > 0) return finish(settled, labelWrites(facts.issue.labels, [], []), renderProblems(problems, state, commands.through));
  if (nothing && !summary) return emptyPlan();
  if (state.invalid) return invalidPlan(settled, facts, config, state);
  if (nothing) return gonePlan(settled, facts, config, state);

  const search = duplicatesOf(analysis, state, facts.search, facts.issue.number);
  const duplicates = search?.duplicates ?? [];
  const duplicateOfIssue = search?.duplicateOf ?? null;

  const { override, labels, people } = settle(facts, analysis, state, duplicates.length, config);

  const reconciled = reconcileLabels(labels.wanted, facts.issue.labels, state, newlyCommanded(commands, config), facts.labelHistory);
  const mentions = people.mentioned.map((p) => p.login as string);
  const asked = newlyAsked(summaryRef, state, mentions);
  const next: IssueState = {
    ...state,
    appLabels: reconciled.appLabels,
    declinedLabels: reconciled.declinedLabels,
    peopleLabels: reconciled.peopleLabels,
    search,
    mentioned: [...new Set([...state.mentioned, ...mentions])].slice(-MAX_MENTIONED),
  };
  const body = renderTriage({
    reports: [...analysis.reports].reverse(),
    crashes: analysis.crashes,
    override,
    labels,
    people,
    commits: facts.commits,
    duplicates,
    duplicateOfIssue,
    problems,
    config,
    state: next,
    through: commands.through,
  });
  const plan = finish(settled, labelWrites(facts.issue.labels, reconciled.add, reconciled.remove), body, mentions);
  return asked.length > 0 ? { ...plan, replies: [...plan.replies, askedReply(asked)] } : plan;
}
