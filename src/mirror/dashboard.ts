import type { z } from "zod";
import type { Config } from "../config/schema.js";
import { fetchRules, fetchText } from "../fetch/index.js";
import { DashboardBug, DashboardBugGroup } from "./dashboard-api.js";
import { causeBisectionLog, jsonUrl, openBugsPath, type TextRef, textUrl } from "./dashboard-links.js";
import type { ListedBug, PageRead } from "./plan.js";

/**
 * Reads a syzkaller dashboard under the app's fetch rules (https, allowlisted hosts on every hop, a
 * size and a time cap), one request at a time and spaced as syzkaller's own client spaces them
 * without a token. Nothing it answers is trusted: a page that is not the JSON the API defines, or
 * cut by the size cap, is an error with a short reason, never a partial reading.
 */
export interface DashboardOptions {
  /** `mirror.dashboard`: https://host, no path. */
  base: string;
  hosts: readonly string[];
  maxBytes: number;
  timeoutMs: number;
  /** At least this long between two requests (dashboard/api/client.go throttles to one a second). */
  spacingMs: number;
  fetch?: typeof fetch;
}

/** syzkaller's client waits a second between requests when it has no token; so does the mirror. */
const SPACING_MS = 1000;

/** The dashboard of a repository's config, read under its fetch rules; `fetch` and `spacingMs` are for tests. */
export function configuredDashboard(config: Config, options: { fetch?: typeof fetch; spacingMs?: number } = {}): Dashboard {
  const { hosts, maxBytes, timeoutMs } = fetchRules(config.fetch);
  return dashboard({
    base: config.mirror.dashboard,
    hosts,
    maxBytes,
    timeoutMs,
    spacingMs: options.spacingMs ?? SPACING_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Dashboard {
  /** The namespace's open bugs, one list per subsystem (the dashboard filters by one label at a time), in its order. */
  openBugs(namespace: string, filter: { subsystems: readonly string[]; withRepro: boolean }): Promise<Read<ListedBug[]>>;
  bug(path: string): Promise<PageRead>;
  /** The cause bisection's log, which only the bug's HTML page links. */
  causeLog(path: string): Promise<Read<TextRef | null>>;
  text(ref: TextRef): Promise<Read<string>>;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return `not the dashboard's JSON (${issue ? `${issue.path.join(".") || "top"}: ${issue.message}` : "unknown shape"})`;
}

export function dashboard(options: DashboardOptions): Dashboard {
  let last = Number.NEGATIVE_INFINITY;
  const get = async (url: string): Promise<Read<{ text: string; truncated: boolean }>> => {
    const wait = last + options.spacingMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const result = await fetchText(url, { hosts: options.hosts, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
    last = performance.now();
    return result.ok ? { ok: true, value: { text: result.text, truncated: result.truncated } } : { ok: false, error: result.error };
  };
  const json = async <T>(path: string, schema: z.ZodType<T>): Promise<Read<T>> => {
    const page = await get(jsonUrl(options.base, path));
    if (!page.ok) return page;
    if (page.value.truncated) return { ok: false, error: `longer than ${options.maxBytes} bytes` };
    let raw: unknown;
    try {
      raw = JSON.parse(page.value.text);
    } catch {
      return { ok: false, error: "not JSON" };
    }
    const parsed = schema.safeParse(raw);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: describe(parsed.error) };
  };
  return {
    async openBugs(namespace, filter) {
      const listed = new Map<string, ListedBug>();
      for (const subsystem of filter.subsystems.length > 0 ? filter.subsystems : [null]) {
        const group = await json(openBugsPath(namespace, { subsystem, withRepro: filter.withRepro }), DashboardBugGroup);
        if (!group.ok) return group;
        for (const bug of group.value.Bugs ?? []) if (!listed.has(bug.link)) listed.set(bug.link, { title: bug.title, link: bug.link });
      }
      return { ok: true, value: [...listed.values()] };
    },
    async bug(path) {
      const read = await json(path, DashboardBug);
      return read.ok ? { ok: true, bug: read.value } : read;
    },
    async causeLog(path) {
      const page = await get(`${options.base}${path}`);
      return page.ok ? { ok: true, value: causeBisectionLog(page.value.text) } : page;
    },
    async text(ref) {
      const read = await get(textUrl(options.base, ref));
      return read.ok ? { ok: true, value: read.value.text } : read;
    },
  };
}
