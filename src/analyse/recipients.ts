import type { Report } from "../parse/schema.js";

export interface Recipient {
  email: string;
  role: "to" | "cc";
  /** A name the log gives for this address (commit author or trailer), for display. */
  name: string | null;
}

/** The people the reports name, `to` before `cc`, each address once (first role wins). */
export function recipientsOf(reports: Report[]): Recipient[] {
  const names = new Map<string, string>();
  for (const report of reports) {
    const c = report.culprit;
    if (c?.author?.email && c.author.name) names.set(c.author.email.toLowerCase(), c.author.name);
    for (const t of c?.trailers ?? []) if (t.name && !names.has(t.email)) names.set(t.email, t.name);
  }
  const out: Recipient[] = [];
  const seen = new Set<string>();
  for (const role of ["to", "cc"] as const) {
    for (const report of reports) {
      for (const address of report.recipients[role]) {
        const email = address.toLowerCase();
        if (seen.has(email)) continue;
        seen.add(email);
        out.push({ email, role, name: names.get(email) ?? null });
      }
    }
  }
  return out;
}
