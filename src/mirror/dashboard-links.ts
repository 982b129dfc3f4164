import { z } from "zod";

/**
 * The dashboard's addresses. Its JSON links texts as `/text?tag=<tag>&x=<id>`; its emails (and the
 * issues people copy from them) use `/x/<file>?x=<id>`, the same text under a name that says what it
 * is (dashboard/app/main.go's routes and entities_datastore.go's tags, google/syzkaller at 1e72964b0111).
 */
export const TextTag = z.enum(["CrashReport", "ReproSyz", "ReproC", "KernelConfig", "Log", "CrashLog"]);
export type TextTag = z.infer<typeof TextTag>;

const X_PATHS: Record<TextTag, string> = {
  CrashReport: "/x/report.txt",
  ReproSyz: "/x/repro.syz",
  ReproC: "/x/repro.c",
  KernelConfig: "/x/.config",
  Log: "/x/bisect.txt",
  CrashLog: "/x/log.txt",
};
const TAG_OF_PATH = new Map(Object.entries(X_PATHS).map(([tag, path]) => [path, tag as TextTag]));

/** A text on the dashboard: what it is and its id. */
export interface TextRef {
  tag: TextTag;
  x: string;
}

const TEXT_LINK = /^\/text\?tag=([A-Za-z]+)&(?:amp;)?x=([0-9a-f]{1,64})$/;
const X_LINK = /^(\/x\/[\w.]+)\?x=([0-9a-f]{1,64})$/;

/** The text a link of the dashboard's JSON or pages names, or null for anything else. */
export function textRef(link: string | undefined): TextRef | null {
  if (!link) return null;
  const text = TEXT_LINK.exec(link);
  if (text) {
    const tag = TextTag.safeParse(text[1]);
    return tag.success ? { tag: tag.data, x: text[2] as string } : null;
  }
  const x = X_LINK.exec(link);
  const tag = x ? TAG_OF_PATH.get(x[1] as string) : undefined;
  return x && tag ? { tag, x: x[2] as string } : null;
}

export function textUrl(dashboard: string, ref: TextRef): string {
  return `${dashboard}${X_PATHS[ref.tag]}?x=${ref.x}`;
}

/** How a list links a bug: by the extid of its reporting (`/bug?extid=`), or by its own id before it is reported. */
export interface BugLink {
  by: "extid" | "id";
  value: string;
}

const BUG_LINK = /^\/bug\?(extid|id)=([0-9a-f]{1,64})$/;

export function bugLink(link: string): BugLink | null {
  const m = BUG_LINK.exec(link);
  return m ? { by: m[1] as BugLink["by"], value: m[2] as string } : null;
}

export function bugPath(link: BugLink): string {
  return `/bug?${link.by}=${link.value}`;
}

/** A page's JSON form: the dashboard answers JSON for `json=1`. */
export function jsonUrl(dashboard: string, path: string): string {
  return `${dashboard}${path}${path.includes("?") ? "&" : "?"}json=1`;
}

/** The namespace's open bugs, filtered by the dashboard itself (main.go, MakeBugFilter): one subsystem label, a reproducer. */
export function openBugsPath(namespace: string, filter: { subsystem: string | null; withRepro: boolean }): string {
  const query = [...(filter.subsystem ? [`label=subsystems:${encodeURIComponent(filter.subsystem)}`] : []), ...(filter.withRepro ? ["with_repro=1"] : [])];
  return `/${namespace}${query.length > 0 ? `?${query.join("&")}` : ""}`;
}

// bug.html's "bisect_results" template (templates.html): the cause bisection's heading, then `(<a href="…">bisect log</a>)`.
const CAUSE_HEADING = "Cause bisection:";
const BISECT_LOG = /<a href="([^"<>]{1,200})">bisect log<\/a>/;
/** How far after its heading the link is looked for: the result's few lines, not the fix bisection below them. */
const CAUSE_WINDOW = 2000;

/** The cause bisection's log linked from a bug's HTML page (its JSON does not link it), or null. */
export function causeBisectionLog(html: string): TextRef | null {
  const start = html.indexOf(CAUSE_HEADING);
  if (start < 0) return null;
  const m = BISECT_LOG.exec(html.slice(start, start + CAUSE_WINDOW));
  const ref = m ? textRef(m[1]) : null;
  return ref?.tag === "Log" ? ref : null;
}
