import type { Config } from "../config/schema.js";
import type { Recipient } from "./recipients.js";

/** What the app may ask GitHub to turn an email into a login; the CLI's dry run has none. */
export interface LoginLookup {
  /** The login GitHub links to the author of `sha` in this repository, null when unknown. */
  commitAuthor(sha: string): Promise<string | null>;
  /** The one user whose public email is `email`, null when there is none or several. */
  userByEmail(email: string): Promise<string | null>;
}

export interface Mention extends Recipient {
  login: string | null;
  via: "config" | "commit" | "search" | null;
}

/**
 * Resolves recipients to logins: the config's `users` map first, then (with
 * `lookup`) the culprit commit's author and GitHub's user search. Stops once
 * `max` people are resolved, so a long list never costs more than needed.
 */
export async function resolveMentions(
  recipients: Recipient[],
  culpritAuthors: { sha: string; email: string }[],
  config: Config["mentions"],
  lookup: LoginLookup | null,
): Promise<Mention[]> {
  const users = new Map(Object.entries(config.users).map(([email, login]) => [email.toLowerCase(), login]));
  const out: Mention[] = recipients.map((r) => {
    const login = users.get(r.email) ?? null;
    return { ...r, login, via: login ? "config" : null };
  });
  const resolved = () => out.filter((m) => m.login).length;
  if (!lookup || !config.lookup) return out;

  for (const { sha, email } of culpritAuthors) {
    const mention = out.find((m) => m.email === email.toLowerCase() && !m.login);
    if (!mention || resolved() >= config.max) continue;
    mention.login = await lookup.commitAuthor(sha);
    if (mention.login) mention.via = "commit";
  }
  for (const mention of out) {
    if (resolved() >= config.max) break;
    if (mention.login) continue;
    mention.login = await lookup.userByEmail(mention.email);
    if (mention.login) mention.via = "search";
  }
  return out;
}
