import type { AnalysedReport, CommitFacts } from "../analyse/reports.js";
import type { Config } from "../config/schema.js";
import { type Maintainers, NOT_SUBSYSTEM_LISTS } from "../maintainers/index.js";
import { trustedAuthor } from "./authors.js";

/**
 * Who should act on the issue, and whom the app may @-mention: the culprit's
 * author first, then the maintainers of the subsystem the labels follow (with
 * `mentions.maintainers`), then the rest of the report's recipients. Mailing
 * lists are never people: listed apart, never looked up.
 */
export type Role = "author" | "maintainer" | "recipient";

export interface Person {
  email: string;
  name: string | null;
  role: Role;
  login: string | null;
  /** How the login was found. */
  via: "config" | "commit" | "search" | null;
}

export interface MentionDecision {
  /** The people to @-mention, each login once, at most `mentions.max`. */
  mentioned: Person[];
  /** People who may be mentioned whom a search found no GitHub login for. */
  unfound: Person[];
  /** People who may be mentioned whom nothing resolved and no search was made for (lookups off, or more than the mention limit could use). */
  unsearched: Person[];
  /** People with a login beyond `mentions.max`. */
  overCap: Person[];
  /** People of reports whose people may not be mentioned (see `reasons`). */
  withheld: Person[];
  /** Mailing-list addresses among the recipients. */
  lists: string[];
  /** Why the reports' people were not mentioned, once each. */
  reasons: string[];
  /** Emails worth a user search, in order, no more than the mention cap can use. */
  toSearch: string[];
}

// Addresses of mailing lists, by host: vger, kvack (linux-mm), lists.*, Google groups.
const LIST_ADDRESS = /@(?:vger\.kernel\.org|kvack\.org|lists\.[\w.-]+|[\w.-]*googlegroups\.com)$/i;

/** A list by its host, by MAINTAINERS' `L:` lines, by syzkaller's lists that stand for no subsystem (x86@kernel.org), or by this triage's lookups. */
function isList(email: string, lists: ReadonlySet<string>, maintainers: Maintainers | null): boolean {
  return LIST_ADDRESS.test(email) || lists.has(email) || NOT_SUBSYSTEM_LISTS.has(email.toLowerCase()) || maintainers?.isList(email) === true;
}

/** Why a report's people may not be mentioned, or null when they may. */
export function mentionBlock(r: AnalysedReport, config: Config): string | null {
  const { mentions } = config;
  if (!mentions.enabled || mentions.when === "never") return "mentions are turned off in the configuration";
  if (!trustedAuthor(r.origin, config)) {
    return r.origin.isBot
      ? `the text is a bot's (${r.origin.author}), and only bots in \`triage.bots\` may make the app mention people`
      : `the log was posted by someone outside ${mentions.associations.join("/").toLowerCase()} of this repository`;
  }
  if (mentions.when === "always") return null;
  // A fix bisection says the bug is gone: the fix's author has nothing to do.
  if (r.report.direction === "fix") return "a fix bisection asks no one to act";
  switch (r.judgement.kind) {
    case "verdict":
      return r.judgement.verdict.reliable ? null : "the bisection looks unreliable";
    case "unjudged":
      return `its result could not be checked (${r.judgement.why})`;
    case "no-culprit":
      return "the bisection found no single culprit";
    default:
      return r.judgement satisfies never;
  }
}

export interface MentionInput {
  /** The reports whose people may be mentioned, newest first. */
  reports: readonly AnalysedReport[];
  /** The reports whose people may not, with the reason. */
  blocked: readonly { report: AnalysedReport; reason: string }[];
  /** A culprit a maintainer named, with what the kernel tree says of it. */
  override: { sha: string; commit: CommitFacts | null } | null;
  /** Files whose MAINTAINERS people are asked to act (`mentions.maintainers`): those the labels follow. */
  maintainerFiles: readonly string[];
  maintainers: Maintainers | null;
  commits: ReadonlyMap<string, CommitFacts>;
  logins: ReadonlyMap<string, string | null>;
  config: Config;
}

function add(out: Map<string, Person>, email: string, name: string | null, role: Role): void {
  const key = email.toLowerCase();
  if (!out.has(key)) out.set(key, { email: key, name, role, login: null, via: null });
}

/** The people of the mentionable reports, in the order they should act. */
function candidates(input: MentionInput, lists: Set<string>): Map<string, Person> {
  const out = new Map<string, Person>();
  const authors = new Map<string, string>();
  if (input.override?.commit?.author) {
    add(out, input.override.commit.author.email, input.override.commit.author.name, "author");
  } else if (!input.override) {
    for (const r of input.reports) {
      const culprit = r.report.culprit;
      // A report that names only the hash: the kernel tree knows who wrote it.
      const author = culprit?.author ?? (culprit ? input.commits.get(culprit.sha)?.author : null);
      if (author?.email) {
        add(out, author.email, author.name || null, "author");
        authors.set(author.email.toLowerCase(), r.report.culprit?.sha ?? "");
      }
    }
  }
  if (input.config.mentions.maintainers && input.maintainers && input.maintainerFiles.length > 0) {
    const found = input.maintainers.lookupAll(input.maintainerFiles);
    for (const p of found.people) add(out, p.address, p.printed.replace(/\s*<[^>]*>$/, "") || null, "maintainer");
    for (const l of found.lists) lists.add(l.address.toLowerCase());
  }
  // A maintainer's culprit replaces the bisection's: its recipients were chosen for another commit.
  if (!input.override) {
    const names = new Map<string, string>();
    for (const r of input.reports) for (const t of r.report.culprit?.trailers ?? []) if (t.name) names.set(t.email.toLowerCase(), t.name);
    for (const r of input.reports) {
      for (const email of [...r.report.recipients.to, ...r.report.recipients.cc]) add(out, email, names.get(email.toLowerCase()) ?? null, "recipient");
    }
  }
  return out;
}

/** The login of each person the config, the culprit commit or an earlier search knows. */
function resolve(person: Person, input: MentionInput, authorCommits: ReadonlyMap<string, CommitFacts>): void {
  const configured = Object.entries(input.config.mentions.users).find(([email]) => email.toLowerCase() === person.email)?.[1];
  if (configured) {
    Object.assign(person, { login: configured, via: "config" });
    return;
  }
  if (!input.config.mentions.lookup) return;
  const commit = authorCommits.get(person.email);
  if (commit?.login) {
    Object.assign(person, { login: commit.login, via: "commit" });
    return;
  }
  const searched = input.logins.get(person.email);
  if (searched) Object.assign(person, { login: searched, via: "search" });
}

/** The commit whose author each author address is, as the kernel tree knows it. */
function authorCommits(input: MentionInput): Map<string, CommitFacts> {
  const out = new Map<string, CommitFacts>();
  const sources = input.override ? (input.override.commit ? [input.override.commit] : []) : input.reports.flatMap((r) => (r.report.culprit ? [input.commits.get(r.report.culprit.sha)] : []));
  for (const commit of sources) if (commit?.author && commit.login) out.set(commit.author.email.toLowerCase(), commit);
  return out;
}

export function decideMentions(input: MentionInput): MentionDecision {
  const lists = new Set<string>();
  const people = candidates(input, lists);
  const byAuthor = authorCommits(input);
  const listed: string[] = [];
  const persons: Person[] = [];
  for (const person of people.values()) {
    if (isList(person.email, lists, input.maintainers)) listed.push(person.email);
    else {
      resolve(person, input, byAuthor);
      persons.push(person);
    }
  }
  const max = input.config.mentions.max;
  const mentioned: Person[] = [];
  const seen = new Set<string>();
  for (const person of persons) {
    if (!person.login || seen.has(person.login.toLowerCase()) || mentioned.length >= max) continue;
    seen.add(person.login.toLowerCase());
    mentioned.push(person);
  }
  const room = Math.max(0, max - mentioned.length);
  const toSearch = input.config.mentions.lookup
    ? persons.filter((p) => !p.login && !input.logins.has(p.email)).slice(0, room).map((p) => p.email)
    : [];
  const withheld: Person[] = [];
  // The blocked reports' people are named, never mentioned.
  const blockedPeople = candidates({ ...input, reports: input.blocked.map((b) => b.report), override: null, maintainerFiles: [] }, lists);
  for (const person of blockedPeople.values()) {
    if (people.has(person.email)) continue;
    if (isList(person.email, lists, input.maintainers)) listed.push(person.email);
    else withheld.push(person);
  }
  return {
    mentioned,
    unfound: persons.filter((p) => !p.login && input.logins.has(p.email)),
    unsearched: persons.filter((p) => !p.login && !input.logins.has(p.email)),
    overCap: persons.filter((p) => p.login && !mentioned.includes(p) && !seen.has(p.login.toLowerCase())),
    withheld,
    lists: [...new Set(listed)],
    reasons: [...new Set(input.blocked.map((b) => b.reason))],
    toSearch,
  };
}
