import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { errorBody, type Urls } from "./bodies.js";
import { ActiveFault, type Fault, type FaultRule, type RequestFacts, type RequestKind } from "./faults.js";
import { type Answer, ROUTES, type Route } from "./routes.js";
import { World } from "./world.js";

/** GitHub Enterprise Server's API prefix, which the app uses with GHE_HOST; api.github.com has none. */
const GHES_PREFIX = "/api/v3";
/** An installation's primary limit per hour (GitHub Apps start at 5,000). */
const HOURLY_LIMIT = 5_000;

export interface RequestRecord {
  at: number;
  method: string;
  path: string;
  /** The route's name, null for an endpoint the stand-in does not serve. */
  route: string | null;
  kind: RequestKind;
  installation: number | null;
  /** The webhook delivery the request was made for (Probot sends it as a header). */
  delivery: string | null;
  /** The status answered, or "dropped" when the connection was cut. */
  status: number | "dropped";
  body: unknown;
}

export interface Counts {
  requests: number;
  writes: number;
  searches: number;
  /** Token creations (the app's JWT requests are counted under `app`). */
  auth: number;
  byRoute: Record<string, number>;
}

/** Counts of a list of requests: every request, and writes, searches, token creations among them. */
function countOf(records: readonly RequestRecord[]): Counts {
  const byRoute: Record<string, number> = {};
  for (const r of records) byRoute[r.route ?? "unknown"] = (byRoute[r.route ?? "unknown"] ?? 0) + 1;
  const of = (kind: RequestKind) => records.filter((r) => r.kind === kind).length;
  return { requests: records.length, writes: of("write"), searches: of("search"), auth: of("auth"), byRoute };
}

function kindOf(method: string, path: string): RequestKind {
  if (method === "GET" || method === "HEAD") return path.startsWith("/search/") ? "search" : "read";
  return /^\/app\/installations\/\d+\/access_tokens$/.test(path) ? "auth" : "write";
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A stand-in for GitHub's REST API on a loopback port: it answers the endpoints the app uses (ROUTES)
 * from a World, with GitHub's headers and bodies, counts every request by installation, and does what
 * GitHub does wrong on demand (faults, `down()`).
 */
export class FakeGitHub {
  readonly requests: RequestRecord[] = [];
  readonly #faults: ActiveFault[] = [];
  readonly #tokens = new Map<string, number>();
  readonly #used = new Map<number, number>();
  readonly #sockets = new Set<Socket>();
  #server: Server;
  #port = 0;

  private constructor(readonly world: World) {
    this.#server = this.#listener();
  }

  static async start(world = new World({ id: 4242, slug: "syztriage" })): Promise<FakeGitHub> {
    const github = new FakeGitHub(world);
    await github.#listen(0);
    return github;
  }

  /** `host:port`, what GHE_HOST takes (with GHE_PROTOCOL=http). */
  get host(): string {
    return `127.0.0.1:${this.#port}`;
  }

  /** The API root, what Probot's `baseUrl` takes. */
  get url(): string {
    return `http://${this.host}${GHES_PREFIX}`;
  }

  /** Makes GitHub misbehave for the requests the rule matches, until it is spent or removed. */
  inject(rule: FaultRule): ActiveFault {
    const active = new ActiveFault(rule);
    this.#faults.push(active);
    return active;
  }

  /** The API becomes unreachable: the port refuses connections and open ones are cut. */
  async down(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Reachable again, on the same port. */
  async up(): Promise<void> {
    this.#server = this.#listener();
    await this.#listen(this.#port);
  }

  async close(): Promise<void> {
    if (this.#server.listening) await this.down();
  }

  /** Counts of the requests made from index `since` on, of one installation if given. */
  counts(filter: { installation?: number | null; since?: number } = {}): Counts {
    const records = this.requests.slice(filter.since ?? 0);
    return countOf(filter.installation === undefined ? records : records.filter((r) => r.installation === filter.installation));
  }

  #listener(): Server {
    const server = createServer((req, res) => void this.#handle(req, res));
    server.on("connection", (socket) => {
      this.#sockets.add(socket);
      socket.once("close", () => this.#sockets.delete(socket));
    });
    return server;
  }

  #listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, "127.0.0.1", () => {
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  #installationOf(req: IncomingMessage): number | null | "unknown" {
    const [scheme = "", credential = ""] = String(req.headers.authorization ?? "").split(" ");
    if (scheme.toLowerCase() === "bearer" && credential.split(".").length === 3) return null;
    return this.#tokens.get(credential) ?? "unknown";
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname.startsWith(GHES_PREFIX) ? url.pathname.slice(GHES_PREFIX.length) || "/" : url.pathname;
    const method = req.method ?? "GET";
    const body = await readBody(req);
    const who = this.#installationOf(req);
    // A token is made with the app's JWT, for the installation its path names.
    const tokenFor = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path)?.[1];
    const installation = tokenFor ? Number(tokenFor) : who === "unknown" ? null : who;
    const facts: RequestFacts = { method, path, kind: kindOf(method, path), installation };
    const delivery = typeof req.headers["x-github-delivery"] === "string" ? req.headers["x-github-delivery"] : null;
    const record: RequestRecord = { at: Date.now(), method, path, route: null, kind: facts.kind, installation, delivery, status: 0, body };
    this.requests.push(record);

    let answer: Answer | "drop" | null = null;
    for (const fault of this.#faults.filter((f) => f.matches(facts))) {
      fault.hits++;
      const effect = await this.#apply(fault, fault.rule.fault);
      if (effect) {
        answer = effect;
        break;
      }
    }
    const route = ROUTES.find((r) => r.method === method && r.pattern.test(path));
    record.route = route?.name ?? null;
    answer ??= who === "unknown" ? { status: 401, body: errorBody(401, "Bad credentials", "overview/authenticating-to-the-rest-api") } : this.#route(route, path, url, req, body, installation);
    if (answer === "drop") {
      record.status = "dropped";
      req.socket.destroy();
      return;
    }
    record.status = answer.status;
    this.#send(res, answer, installation, facts.kind);
  }

  /** What a fault does to a request: an answer instead of the real one, a dropped connection, or only a delay (null). */
  async #apply(active: ActiveFault, fault: Fault): Promise<Answer | "drop" | null> {
    switch (fault.kind) {
      case "status":
        return { status: fault.status, body: { message: "Server Error" } };
      case "secondary":
        return {
          status: fault.status,
          headers: { "retry-after": String(fault.retryAfterSeconds) },
          body: errorBody(
            fault.status,
            "You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.",
            "overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
          ),
        };
      case "primary":
        return {
          status: fault.status,
          headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(active.resetEpochSeconds) },
          body: errorBody(fault.status, `API rate limit exceeded for installation ID ${active.rule.installation ?? 0}.`, "overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit"),
        };
      case "reset":
        return "drop";
      case "slow":
        await sleep(fault.ms);
        return null;
      default:
        return fault satisfies never;
    }
  }

  #route(route: Route | undefined, path: string, url: URL, req: IncomingMessage, body: unknown, installation: number | null): Answer {
    if (!route) return { status: 404, body: errorBody(404, "Not Found", "") };
    const params = { ...(route.pattern.exec(path)?.groups ?? {}) };
    const urls: Urls = { api: `http://${req.headers.host ?? this.host}${url.pathname.startsWith(GHES_PREFIX) ? GHES_PREFIX : ""}` };
    return route.handle({
      world: this.world,
      urls,
      params,
      query: url.searchParams,
      body,
      headers: req.headers,
      installation,
      issueToken: (id) => {
        const token = `ghs_${randomBytes(18).toString("base64url")}`;
        this.#tokens.set(token, id);
        return token;
      },
    });
  }

  #send(res: ServerResponse, answer: Answer, installation: number | null, kind: RequestKind): void {
    const used = installation === null ? 0 : (this.#used.get(installation) ?? 0) + 1;
    if (installation !== null) this.#used.set(installation, used);
    const headers: Record<string, string> = {
      server: "GitHub.com",
      "x-github-request-id": randomBytes(8).toString("hex").toUpperCase(),
      "x-github-api-version-selected": "2022-11-28",
      "x-ratelimit-limit": String(kind === "search" ? 30 : HOURLY_LIMIT),
      "x-ratelimit-remaining": String(Math.max(0, HOURLY_LIMIT - used)),
      "x-ratelimit-used": String(used),
      "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 3600),
      "x-ratelimit-resource": kind === "search" ? "search" : "core",
      ...answer.headers,
    };
    if (answer.text !== undefined) {
      res.writeHead(answer.status, headers).end(answer.text);
      return;
    }
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers).end();
      return;
    }
    res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(answer.body));
  }
}
