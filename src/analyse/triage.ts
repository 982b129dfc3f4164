import type { Config } from "../config/schema.js";
import type { Maintainers } from "../maintainers/index.js";
import type { CrashFinding, ParseResult, Report } from "../parse/schema.js";
import type { SourceText, TextOrigin } from "./origin.js";
import { readReports } from "./read-reports.js";
import { type Recipient, recipientsOf } from "./recipients.js";
import { maintainersSource } from "./subsystems/maintainers-source.js";
import { type RankedSubsystem, rankSubsystems, significantSubsystems } from "./subsystems/rank.js";
import { rulesSource } from "./subsystems/rules-source.js";
import type { SubsystemSource } from "./subsystems/source.js";

export interface TriagedReport {
  report: Report;
  origin: TextOrigin;
  /** The culprit's subsystems, ranked by changed lines. */
  subsystems: RankedSubsystem[];
  /** The subsystems of the crash's guilty file. */
  crashSubsystems: RankedSubsystem[];
  /** Whether the people this report names may be @-mentioned. */
  mayMention: boolean;
  /** Why they may not, in words for the comment. */
  noMentionReason: string | null;
}

/** A crash report with no bisection (a syzbot bug report, a pasted oops) in the issue body. */
export interface TriagedCrash {
  finding: CrashFinding;
  origin: TextOrigin;
  subsystems: RankedSubsystem[];
}

export interface Triage {
  reports: TriagedReport[];
  crashes: TriagedCrash[];
  /** Subsystem names to label, at most `subsystems.max`, or as a maintainer set them. */
  subsystems: string[];
  /** The subsystems the app found, when a maintainer's `#syz set subsystems:` replaced them. */
  replacedSubsystems: string[];
  labels: string[];
  /** Everyone the mentionable reports name, then (with `mentions.maintainers`) their maintainers. */
  recipients: Recipient[];
  /** Everyone the other reports name (listed, never mentioned). */
  unmentionable: Recipient[];
  culpritAuthors: { sha: string; email: string }[];
}

export interface TriageOptions {
  config: Config;
  /** The repository's MAINTAINERS, when it has one and the config reads it. */
  maintainers?: Maintainers | null;
  /** Subsystems a maintainer set with `#syz set subsystems:`. */
  subsystemsOverride?: string[] | null;
}

/** Whether an author (of a text, of an event) is someone the config lets the app act on. */
export function isTriaged(origin: Pick<TextOrigin, "author" | "isBot">, config: Config): boolean {
  if (origin.isBot && !config.triage.bots.includes(origin.author)) return false;
  return config.triage.authors.length === 0 || config.triage.authors.includes(origin.author);
}

function trustedAuthor(origin: TextOrigin, config: Config): boolean {
  return origin.isBot ? config.triage.bots.includes(origin.author) : config.mentions.associations.includes(origin.association);
}

function mentionPolicy(origin: TextOrigin, report: Report, config: Config): string | null {
  if (!config.mentions.enabled || config.mentions.when === "never") return "mentions are disabled in the configuration";
  if (config.mentions.when === "reliable" && report.verdict && !report.verdict.reliable) {
    return "the bisection looks unreliable, so its culprit's people are not pinged";
  }
  if (trustedAuthor(origin, config)) return null;
  return `the log was posted by someone outside ${config.mentions.associations.join("/").toLowerCase()} of this repository`;
}

export function labelName(prefix: string, subsystem: string): string {
  return `${prefix}${subsystem}`.slice(0, 50).trim();
}

function subsystemSources(config: Config, maintainers: Maintainers | null): SubsystemSource[] {
  const sources = [rulesSource(config.subsystems.rules)];
  if (maintainers) sources.push(maintainersSource(maintainers));
  return sources;
}

/** The one subsystem of a crash's guilty file: owners tied on it (AIO and FILESYSTEMS for fs/aio.c) would each label the issue. */
function crashSubsystem(path: string | null, sources: SubsystemSource[]): RankedSubsystem[] {
  return path ? rankSubsystems([{ path, lines: 1 }], sources).slice(0, 1) : [];
}

/**
 * The subsystems a report labels, in order: the culprit's (a small fixup
 * elsewhere does not count) and the crash's, as `subsystems.from` asks; the
 * crash's first when the culprit looks unreliable.
 */
function labelledSubsystems(t: TriagedReport, config: Config): string[] {
  const culprit = config.subsystems.from.includes("culprit") ? significantSubsystems(t.subsystems).map((s) => s.name) : [];
  const crash = config.subsystems.from.includes("crash") ? t.crashSubsystems.map((s) => s.name) : [];
  return t.report.verdict?.reliable === false ? [...crash, ...culprit] : [...culprit, ...crash];
}

/** Maintainers and reviewers of the sections owning these files, as `cc` recipients. */
function maintainersOf(paths: string[], maintainers: Maintainers | null): Recipient[] {
  if (!maintainers || paths.length === 0) return [];
  return maintainers.lookupAll(paths).people.map((p) => ({ email: p.address.toLowerCase(), role: "cc" as const, name: p.printed }));
}

/** Each address once, the first mention winning. */
function dedupe(recipients: Recipient[]): Recipient[] {
  const first = new Map<string, Recipient>();
  for (const r of recipients) if (!first.has(r.email)) first.set(r.email, r);
  return [...first.values()];
}

export interface ReadText extends SourceText {
  read: ParseResult;
}

/** The reports in the texts the config lets the app act on; `known` holds texts already read. */
export function readTexts(texts: SourceText[], config: Config, known: ReadonlyMap<string, ParseResult> = new Map()): ReadText[] {
  return texts.filter((t) => isTriaged(t.origin, config)).map((t) => ({ ...t, read: known.get(t.text) ?? readReports(t.text) }));
}

export function hasFindings(texts: ReadText[]): boolean {
  return texts.some((t) => t.read.reports.length > 0 || (t.origin.kind === "issue" && t.read.crashes.length > 0));
}

/** Everything the app decides from the reports of one issue. */
export function triage(texts: ReadText[], options: TriageOptions): Triage {
  const { config } = options;
  const maintainers = options.maintainers ?? null;
  const sources = subsystemSources(config, maintainers);
  const reports: TriagedReport[] = [];
  const crashes: TriagedCrash[] = [];
  for (const { origin, read } of texts) {
    for (const report of read.reports) {
      const reason = mentionPolicy(origin, report, config);
      reports.push({
        report,
        origin,
        subsystems: rankSubsystems(report.culprit?.diffstat ?? [], sources),
        crashSubsystems: crashSubsystem(report.crash?.guiltyFile ?? null, sources),
        mayMention: reason === null,
        noMentionReason: reason,
      });
    }
    // A crash without a bisection is triaged from the issue itself; comments quoting one are discussion.
    if (origin.kind === "issue") {
      for (const finding of read.crashes) crashes.push({ finding, origin, subsystems: crashSubsystem(finding.crash.guiltyFile, sources) });
    }
  }
  // With a bisection in the issue, a pasted oops adds nothing the bisection does not say.
  if (reports.length > 0) crashes.length = 0;

  const ordered = [...reports.flatMap((r) => labelledSubsystems(r, config)), ...crashes.flatMap((c) => c.subsystems.map((s) => s.name))];
  const found = [...new Set(ordered)].slice(0, config.subsystems.max);
  const override = options.subsystemsOverride ?? null;
  const subsystems = override ?? found;
  const unreliable = reports.some((r) => r.report.verdict?.reliable === false);
  const labels =
    reports.length + crashes.length === 0
      ? []
      : [
          ...subsystems.map((s) => labelName(config.labels.prefix, s)),
          ...config.labels.extra,
          ...(unreliable && config.labels.unreliable ? [config.labels.unreliable] : []),
          ...(crashes.length > 0 && config.labels.crash ? [config.labels.crash] : []),
        ];

  const mentionable = reports.filter((r) => r.mayMention);
  const maintainerPaths = config.mentions.maintainers
    ? [
        ...mentionable.flatMap((r) => significantSubsystems(r.subsystems).flatMap((s) => s.files)),
        ...(config.mentions.enabled && config.mentions.when !== "never"
          ? crashes.filter((c) => trustedAuthor(c.origin, config)).flatMap((c) => (c.finding.crash.guiltyFile ? [c.finding.crash.guiltyFile] : []))
          : []),
      ]
    : [];
  const recipients = dedupe([...recipientsOf(mentionable.map((r) => r.report)), ...maintainersOf([...new Set(maintainerPaths)], maintainers)]);
  const mentioned = new Set(recipients.map((r) => r.email));
  const unmentionable = recipientsOf(reports.filter((r) => !r.mayMention).map((r) => r.report)).filter((r) => !mentioned.has(r.email));
  const culpritAuthors = mentionable.flatMap((r) =>
    r.report.culprit?.author?.email ? [{ sha: r.report.culprit.sha, email: r.report.culprit.author.email }] : [],
  );
  return {
    reports,
    crashes,
    subsystems,
    replacedSubsystems: override ? found.filter((s) => !override.includes(s)) : [],
    labels: [...new Set(labels)],
    recipients,
    unmentionable,
    culpritAuthors,
  };
}
