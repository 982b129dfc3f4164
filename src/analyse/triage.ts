import type { Config } from "../config/schema.js";
import { readReports } from "./read-reports.js";
import type { Report } from "../parse/schema.js";
import type { SourceText, TextOrigin } from "./origin.js";
import { type Recipient, recipientsOf } from "./recipients.js";
import { type RankedSubsystem, rankSubsystems } from "./subsystems/rank.js";
import type { SubsystemSource } from "./subsystems/source.js";

export interface TriagedReport {
  report: Report;
  origin: TextOrigin;
  /** The culprit's subsystems, ranked by changed lines. */
  subsystems: RankedSubsystem[];
  /** Whether the people this report names may be @-mentioned. */
  mayMention: boolean;
  /** Why they may not, in words for the comment. */
  noMentionReason: string | null;
}

export interface Triage {
  reports: TriagedReport[];
  /** Subsystem names to label, at most `subsystems.max`. */
  subsystems: string[];
  labels: string[];
  /** Everyone the mentionable reports name. */
  recipients: Recipient[];
  /** Everyone the other reports name (listed, never mentioned). */
  unmentionable: Recipient[];
  culpritAuthors: { sha: string; email: string }[];
}

export interface TriageOptions {
  config: Config;
  sources: SubsystemSource[];
}

/** Whether the text's author is someone the config lets the app act on. */
export function isTriaged(origin: TextOrigin, config: Config): boolean {
  if (origin.isBot && !config.triage.bots.includes(origin.author)) return false;
  return config.triage.authors.length === 0 || config.triage.authors.includes(origin.author);
}

function mentionPolicy(origin: TextOrigin, report: Report, config: Config): string | null {
  if (!config.mentions.enabled || config.mentions.when === "never") return "mentions are disabled in the configuration";
  if (config.mentions.when === "reliable" && report.verdict && !report.verdict.reliable) {
    return "the bisection looks unreliable, so its culprit's people are not pinged";
  }
  const trusted = origin.isBot ? config.triage.bots.includes(origin.author) : config.mentions.associations.includes(origin.association);
  return trusted ? null : `the log was posted by someone outside ${config.mentions.associations.join("/").toLowerCase()} of this repository`;
}

export function labelName(prefix: string, subsystem: string): string {
  return `${prefix}${subsystem}`.slice(0, 50).trim();
}

/** Everything the app decides from the texts of one issue, before asking GitHub anything. */
export function triage(texts: SourceText[], options: TriageOptions): Triage {
  const { config, sources } = options;
  const reports: TriagedReport[] = [];
  for (const { origin, text } of texts) {
    if (!isTriaged(origin, config)) continue;
    for (const report of readReports(text).reports) {
      const files = report.culprit?.diffstat ?? [];
      const reason = mentionPolicy(origin, report, config);
      reports.push({ report, origin, subsystems: rankSubsystems(files, sources), mayMention: reason === null, noMentionReason: reason });
    }
  }

  const weights = new Map<string, number>();
  for (const r of reports) for (const s of r.subsystems) weights.set(s.name, (weights.get(s.name) ?? 0) + s.lines);
  const subsystems = [...weights.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, config.subsystems.max)
    .map(([name]) => name);

  const unreliable = reports.some((r) => r.report.verdict?.reliable === false);
  const labels =
    reports.length === 0
      ? []
      : [
          ...subsystems.map((s) => labelName(config.labels.prefix, s)),
          ...config.labels.extra,
          ...(unreliable && config.labels.unreliable ? [config.labels.unreliable] : []),
        ];
  const mentionable = reports.filter((r) => r.mayMention).map((r) => r.report);
  const recipients = recipientsOf(mentionable);
  const mentioned = new Set(recipients.map((r) => r.email));
  const unmentionable = recipientsOf(reports.filter((r) => !r.mayMention).map((r) => r.report)).filter((r) => !mentioned.has(r.email));
  const culpritAuthors = mentionable.flatMap((r) => (r.culprit?.author?.email ? [{ sha: r.culprit.sha, email: r.culprit.author.email }] : []));
  return { reports, subsystems, labels: [...new Set(labels)], recipients, unmentionable, culpritAuthors };
}
