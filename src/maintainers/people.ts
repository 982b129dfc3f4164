import { formatEmail, parseEmail } from "./email.js";
import { applyMailmap, type Mailmap } from "./mailmap.js";
import type { Section } from "./parse.js";
import { isPerlSpace } from "./perl-text.js";

export type Role = "maintainer" | "reviewer";

export interface Person {
  /** The line get_maintainer.pl prints without roles: `Name <address>`, mailmapped. */
  readonly printed: string;
  readonly address: string;
  /** From the first section that named this person (M: or R:). */
  readonly role: Role;
  readonly section: string;
}

export interface MailingList {
  readonly address: string;
  readonly moderated: boolean;
  readonly section: string;
}

export interface Recipients {
  readonly people: readonly Person[];
  readonly lists: readonly MailingList[];
}

// An entry on its way to the output; `email` is rewritten by the mailmap/dedupe pass.
interface Pending {
  email: string;
}

// The script drops "chief penguins" unless --git-chief-penguins; it greps the formatted
// entries with this (unescaped) pattern.
const CHIEF_PENGUIN = /Linus Torvalds <torvalds@linux-foundation.org>/;

// add_categories: M:/R: people, first seen by name or address (case-insensitive) wins, and
// L: lists, first seen by address. Subscribers-only lists are left out, as by default.
function gather(sections: readonly Section[]) {
  const people: (Pending & { role: Role; section: string })[] = [];
  const lists: (Pending & { moderated: boolean; section: string })[] = [];
  const seenNames = new Set<string>();
  const seenAddresses = new Set<string>();
  const seenLists = new Set<string>();
  for (const section of sections) {
    for (const { tag, value } of section.entries) {
      if (tag === "L") {
        let blank = 0;
        while (blank < value.length && !isPerlSpace(value[blank])) blank++;
        const address = value.slice(0, blank);
        const remark = value.slice(blank);
        const key = address.toLowerCase();
        if (address === "" || remark.includes("subscribers-only") || seenLists.has(key)) continue;
        seenLists.add(key);
        lists.push({ email: address, moderated: remark.includes("moderated"), section: section.name });
      } else if (tag === "M" || tag === "R") {
        const { name, address } = parseEmail(value);
        const nameKey = name.toLowerCase();
        const addressKey = address.toLowerCase();
        if (address === "" || (name !== "" && seenNames.has(nameKey)) || seenAddresses.has(addressKey)) continue;
        if (name !== "") seenNames.add(nameKey);
        seenAddresses.add(addressKey);
        people.push({ email: formatEmail(name, address), role: tag === "M" ? "maintainer" : "reviewer", section: section.name });
      }
    }
  }
  return { people, lists };
}

/**
 * The people and lists get_maintainer.pl prints for these sections, taken in the order given
 * (the matched sections of one path, or of several paths one after the other): gathered with
 * first-seen dedupe, then each address mailmapped and deduplicated again by name or address
 * (deduplicate_email), Linus removed as chief penguin, and repeated lines dropped.
 */
export function collectRecipients(sections: readonly Section[], mailmap?: Mailmap): Recipients {
  const { people, lists } = gather(sections);
  const byName = new Map<string, string>();
  const byAddress = new Map<string, string>();
  const mapped = (email: string) => (mailmap ? applyMailmap(mailmap, email) : email);
  for (const entry of [...people, ...lists]) {
    const { name, address } = parseEmail(mapped(entry.email));
    const earlier = (name !== "" ? byName.get(name.toLowerCase()) : undefined) ?? byAddress.get(address.toLowerCase());
    if (earlier !== undefined) {
      entry.email = mapped(earlier);
    } else {
      const email = formatEmail(name, address);
      byName.set(name.toLowerCase(), email);
      byAddress.set(address.toLowerCase(), email);
      entry.email = mapped(email);
    }
  }
  // merge_email: a line already printed (people first, then lists) is not printed again.
  const printed = new Set<string>();
  const firstTime = (email: string) => {
    if (printed.has(email)) return false;
    printed.add(email);
    return true;
  };
  return {
    people: people
      .filter((person) => !CHIEF_PENGUIN.test(person.email) && firstTime(person.email))
      .map(({ email, role, section }) => ({ printed: email, address: parseEmail(email).address, role, section })),
    lists: lists
      .filter((list) => firstTime(list.email))
      .map(({ email, moderated, section }) => ({ address: parseEmail(email).address, moderated, section })),
  };
}
