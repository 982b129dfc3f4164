import type { IncomingMessage, ServerResponse } from "node:http";

const HEALTH_PATH = "/health";

/** Why the app cannot serve now, or null when it can (the store answers, no shutdown under way). */
export type Readiness = () => Promise<string | null>;

/**
 * `GET /health`: 200 only when the app can serve webhooks. It is registered once the app is loaded, so
 * Probot's setup page (no credentials yet) answers 404 there; 503 says why not, for the orchestrator's log.
 */
export function healthRoute(readiness: Readiness): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== HEALTH_PATH) return false;
    const problem = await readiness();
    res.writeHead(problem ? 503 : 200, { "content-type": "application/json" }).end(JSON.stringify(problem ? { status: "unavailable", problem } : { status: "ok" }));
    return true;
  };
}
