/**
 * What the stand-in can do wrong, as GitHub does it. Sources of the answers' shapes:
 * - 5xx: `{"message":"Server Error"}` as application/json (octokit/request.js#589, a real 502);
 * - rate limits: GitHub's "Rate limits for the REST API" page (docs.github.com/rest/using-the-rest-api/
 *   rate-limits-for-the-rest-api): a primary limit is 403 or 429 with `x-ratelimit-remaining: 0` and
 *   the reset time in `x-ratelimit-reset` (epoch seconds); a secondary limit is 403 or 429 whose message
 *   says "secondary rate limit", with `retry-after` in seconds when GitHub gives one (the message as
 *   reported in peter-evans/create-pull-request#2062 and gr2m/helpdesk#62).
 */
export type Fault =
  /** An answer with this 5xx status and GitHub's error body. */
  | { kind: "status"; status: number }
  | { kind: "secondary"; status: 403 | 429; retryAfterSeconds: number }
  /** Every matching request is refused until the reset, this many seconds after the first refusal. */
  | { kind: "primary"; status: 403 | 429; resetInSeconds: number }
  /** The connection is dropped without an answer (a load balancer resetting it). */
  | { kind: "reset" }
  /** Answered normally, this much later. */
  | { kind: "slow"; ms: number };

export type RequestKind = "auth" | "read" | "search" | "write";

/** Which requests a fault hits: every condition given must hold. */
export interface FaultMatch {
  method?: string;
  /** Tested against the path without the query and without `/api/v3`. */
  path?: RegExp;
  kind?: RequestKind;
  installation?: number;
}

export interface FaultRule extends FaultMatch {
  fault: Fault;
  /** At most this many hits, then the rule is spent. */
  times?: number;
  /** Only within this long after it was injected (a primary limit: until its reset, by default). */
  forMs?: number;
}

export interface RequestFacts {
  method: string;
  path: string;
  kind: RequestKind;
  installation: number | null;
}

/** An injected rule and what it did so far. */
export class ActiveFault {
  hits = 0;
  removed = false;
  readonly #from = Date.now();

  constructor(readonly rule: FaultRule) {}

  get #until(): number {
    const { forMs, fault } = this.rule;
    if (forMs !== undefined) return this.#from + forMs;
    return fault.kind === "primary" ? this.#from + fault.resetInSeconds * 1000 : Number.POSITIVE_INFINITY;
  }

  /** The reset time a primary limit announces, in epoch seconds. */
  get resetEpochSeconds(): number {
    return Math.ceil(this.#until / 1000);
  }

  matches(request: RequestFacts): boolean {
    const r = this.rule;
    if (this.removed || Date.now() >= this.#until || (r.times !== undefined && this.hits >= r.times)) return false;
    return (
      (r.method === undefined || r.method === request.method) &&
      (r.path === undefined || r.path.test(request.path)) &&
      (r.kind === undefined || r.kind === request.kind) &&
      (r.installation === undefined || r.installation === request.installation)
    );
  }

  remove(): void {
    this.removed = true;
  }
}
