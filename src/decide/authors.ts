import type { TextOrigin } from "../analyse/origin.js";
import type { Config } from "../config/schema.js";

/** Whether an author (of a text, of an event) is someone the config lets the app act on. */
export function isTriaged(origin: Pick<TextOrigin, "author" | "isBot">, config: Config): boolean {
  if (origin.isBot && !config.triage.bots.includes(origin.author)) return false;
  return config.triage.authors.length === 0 || config.triage.authors.includes(origin.author);
}

/** Whose text may make the app mention people: trusted associations, or an allowed bot. */
export function trustedAuthor(origin: TextOrigin, config: Config): boolean {
  return origin.isBot ? config.triage.bots.includes(origin.author) : config.mentions.associations.includes(origin.association);
}
