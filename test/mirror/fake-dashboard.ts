import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A syzkaller dashboard on 127.0.0.1, serving its public JSON as dashboard/app/public_json_api.go
 * writes it (Go's MarshalIndent: tabs, its field order, `omitempty`, `&` as \u0026), the bug page's
 * bisection result as templates.html renders it, and texts under /text?tag= and /x/. Tests change
 * the bugs between runs (syzbot bisects, fixes) and make it fail (500, garbage) to see what the
 * mirror does. The app reaches it at https://syzkaller.appspot.com through `fetch`, which rewrites
 * the origin: the fetch rules (https, allowed hosts) still see syzbot's address.
 */
export const SYZBOT = "https://syzkaller.appspot.com";

export interface FakeCommit {
  title: string;
  link?: string;
  hash?: string;
  repo?: string;
  branch?: string;
  author?: string;
  "author-name"?: string;
  date?: string;
}

export interface FakeCrash {
  title: string;
  /** Text ids (the `x=` of their links). */
  report?: string;
  syz?: string;
  c?: string;
  reproOpts?: string;
  config?: string;
  tree?: string;
  commit?: string;
  syzkallerCommit?: string;
}

export interface FakeBug {
  id: string;
  /** The extid the open list links it by; null: linked by id (not reported yet). */
  extid: string | null;
  title: string;
  status: string;
  firstCrash: string;
  lastCrash: string;
  fixTime?: string;
  closeTime?: string;
  subsystems: string[];
  crashes: FakeCrash[];
  cause?: FakeCommit & { log: string };
  fixes?: FakeCommit[];
}

/** An HTTP status, an HTML page where JSON was asked, or this body instead of the real one. */
type Failure = number | "garbage" | { body: string };

const GROUP_HEAD = '{\n\t"version": 1,\n\t"Bugs": ';

/** Go's encoding/json escapes &, < and > in strings. */
function goJson(value: unknown): string {
  return JSON.stringify(value, null, "\t").replace(/&/g, "\\u0026").replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
}

function textLink(tag: string, x: string | undefined): string | undefined {
  return x === undefined ? undefined : `/text?tag=${tag}&x=${x}`;
}

function commitJson(c: FakeCommit) {
  return { title: c.title, link: c.link, hash: c.hash, repo: c.repo, branch: c.branch, author: c.author, "author-name": c["author-name"], date: c.date };
}

/** A bug's JSON in api.Bug's field order, empty fields left out as `omitempty` leaves them. */
export function bugJson(bug: FakeBug): string {
  return goJson({
    version: 1,
    title: bug.title,
    id: bug.id,
    status: bug.status,
    "first-crash": bug.firstCrash,
    "last-crash": bug.lastCrash,
    "fix-time": bug.fixTime,
    "close-time": bug.closeTime,
    "fix-commits": bug.fixes?.length ? bug.fixes.map(commitJson) : undefined,
    "cause-commit": bug.cause ? commitJson({ ...bug.cause, link: bug.cause.link }) : undefined,
    crashes: bug.crashes.length
      ? bug.crashes.map((c) => ({
          title: c.title,
          "syz-reproducer": textLink("ReproSyz", c.syz),
          "c-reproducer": textLink("ReproC", c.c),
          "repro-opts": c.reproOpts,
          "kernel-config": textLink("KernelConfig", c.config),
          "kernel-source-git": c.tree,
          "kernel-source-commit": c.commit,
          "syzkaller-git": c.syzkallerCommit ? `https://github.com/google/syzkaller/commits/${c.syzkallerCommit}` : undefined,
          "syzkaller-commit": c.syzkallerCommit,
          "crash-report-link": textLink("CrashReport", c.report),
        }))
      : undefined,
  });
}

function bugPath(bug: FakeBug): string {
  return bug.extid ? `/bug?extid=${bug.extid}` : `/bug?id=${bug.id}`;
}

/** The open list: bugs neither closed nor waiting for their fix to reach every tree (main.go, prepareBugGroups). */
export function groupJson(bugs: readonly FakeBug[]): string {
  const open = bugs.map((b) => ({ title: b.title, link: bugPath(b) }));
  return open.length === 0 ? `${GROUP_HEAD}null\n}` : goJson({ version: 1, Bugs: open });
}

/** The bug page's cause bisection as templates.html's "bisect_results" renders it (the part the mirror reads). */
function bugHtml(bug: FakeBug): string {
  const cause = bug.cause
    ? `<div class="bug-bisection-info">
			<b>Cause bisection: introduced by</b>
		<b>(<a href="/text?tag=Log&x=${bug.cause.log}">bisect log</a>)</b> <span class="bad"></span>:<br>
		<span class="mono">
		commit ${bug.cause.hash}<br>
		Author: ${bug.cause.author ?? ""}<br>
		</span><br>
</div>`
    : "";
  return `<!doctype html>\n<html><head><title>${bug.title}</title></head><body>\n<b>${bug.title}</b><br>\nStatus: ${bug.status}<br>\n${cause}\n</body></html>\n`;
}

export class FakeDashboard {
  readonly bugs: FakeBug[] = [];
  readonly texts = new Map<string, string>();
  /** Every request, as path and query: what the mirror asked. */
  readonly requests: string[] = [];
  readonly #failures: { pattern: RegExp; failure: Failure }[] = [];
  #server: Server | undefined;
  origin = "";

  static async start(): Promise<FakeDashboard> {
    const fake = new FakeDashboard();
    const server = createServer((req, res) => fake.#answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake.#server = server;
    fake.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The transport the app is given: syzbot's address goes to this server. */
  readonly fetch: typeof fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return fetch(url.startsWith(SYZBOT) ? this.origin + url.slice(SYZBOT.length) : url, init);
  };

  bug(id: string): FakeBug {
    const bug = this.bugs.find((b) => b.id === id);
    if (!bug) throw new Error(`no bug ${id}`);
    return bug;
  }

  /** Requests whose path and query match answer `failure` until `heal()`. */
  fail(pattern: RegExp, failure: Failure): void {
    this.#failures.push({ pattern, failure });
  }

  heal(): void {
    this.#failures.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  #answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", this.origin);
    const path = `${url.pathname}${url.search}`;
    this.requests.push(path);
    const failure = this.#failures.find((f) => f.pattern.test(path))?.failure;
    if (failure === "garbage") return void res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Please try again later.</body></html>\n");
    if (typeof failure === "object") return void res.writeHead(200, { "content-type": "application/json" }).end(failure.body);
    if (failure !== undefined) return void res.writeHead(failure).end("error\n");
    const found = this.#route(url);
    if (!found) return void res.writeHead(404).end("not found\n");
    res.writeHead(200, { "content-type": found.type }).end(found.body);
  }

  #route(url: URL): { type: string; body: string } | null {
    const q = url.searchParams;
    const json = q.get("json") === "1";
    if (url.pathname === "/bug") {
      const bug = this.bugs.find((b) => (q.get("extid") !== null && b.extid === q.get("extid")) || b.id === q.get("id"));
      if (!bug) return null;
      return json ? { type: "application/json", body: bugJson(bug) } : { type: "text/html; charset=utf-8", body: bugHtml(bug) };
    }
    const x = q.get("x");
    if ((url.pathname === "/text" || url.pathname.startsWith("/x/")) && x !== null) {
      const text = this.texts.get(x);
      return text === undefined ? null : { type: "text/plain; charset=utf-8", body: text };
    }
    const namespace = /^\/([a-z0-9-]+)$/.exec(url.pathname)?.[1];
    if (namespace && json) {
      // MakeBugFilter: label=subsystems:<name> (each label must match), with_repro.
      const labels = q.getAll("label").map((l) => l.replace(/^subsystems:/, ""));
      const open = this.bugs.filter(
        (b) =>
          !/^(?:auto-)?(?:fixed|closed as|obsoleted)/.test(b.status) &&
          !b.fixes?.length &&
          labels.every((l) => b.subsystems.includes(l)) &&
          (q.get("with_repro") === null || b.crashes.some((c) => c.syz || c.c)),
      );
      return { type: "application/json", body: groupJson(open) };
    }
    return null;
  }
}
