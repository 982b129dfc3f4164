import type { Links } from "../parse/schema.js";
import { code } from "./escape.js";

/** What each of a report's links is, in the order a maintainer opens them. */
const LINK_WORDS: Readonly<Record<keyof Links, string>> = {
  dashboard: "dashboard",
  bisectionLog: "bisection log",
  crashReport: "crash report",
  consoleLog: "console log",
  kernelConfig: "kernel config",
  syzRepro: "syz reproducer",
  cRepro: "C reproducer",
  testLog: "test log",
};

// Hosts whose pages a maintainer expects behind a syzbot report's links; a link anywhere else stays inert text.
const LINKED = /^https:\/\/(?:syzkaller\.appspot\.com|storage\.googleapis\.com|lore\.kernel\.org|git\.kernel\.org|dashboard\.kernelci\.org)\/[\w./?=&%:+~-]*$/;

/** A link when it goes to a known host, else the address as inert code. */
function linkTo(label: string, url: string): string {
  return LINKED.test(url) && url.length <= 500 ? `[${label}](${url})` : `${label} ${code(url, 200)}`;
}

/** The report's links, joined, or null when it has none. */
export function linksLine(links: Links): string | null {
  const shown = (Object.keys(LINK_WORDS) as (keyof Links)[]).flatMap((key) => {
    const url = links[key];
    return url ? [linkTo(LINK_WORDS[key], url)] : [];
  });
  return shown.length > 0 ? shown.join(" · ") : null;
}
