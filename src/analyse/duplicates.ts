import { normalizeTitle } from "../crash/index.js";
import { titleFromSubject } from "../parse/index.js";
import type { Analysis } from "./reports.js";

export interface IssueSummary {
  number: number;
  title: string;
  body: string;
  url: string;
}

/** The bug each report is about: the crash the bisection started from, else the crash it names. */
export function crashTitles(triaged: Analysis): string[] {
  const titles = [
    ...triaged.reports.map((r) => r.report.originalCrashTitle ?? r.report.crashTitle),
    ...triaged.crashes.map((c) => c.finding.title),
  ].filter((t): t is string => !!t);
  return [...new Set(titles)];
}

/**
 * Open issues about the same crash: an issue titled like syzbot titles bugs
 * ("[syzbot] [mm?] KASAN: ... (2)" included) or whose text quotes the title.
 * Titles are compared after syzbot's normalization of numbers and addresses.
 */
export function findDuplicates(titles: readonly string[], issues: readonly IssueSummary[], self: number): IssueSummary[] {
  const wanted = new Set(titles.map(normalizeTitle));
  return issues.filter((issue) => {
    if (issue.number === self) return false;
    const title = titleFromSubject(issue.title);
    return (title !== null && wanted.has(normalizeTitle(title))) || titles.some((t) => issue.body.includes(t));
  });
}
