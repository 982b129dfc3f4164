import { readFileSync } from "node:fs";
import nock from "nock";
import { describe, expect, onTestFinished, test } from "vitest";
import { syztriageApp, STANDALONE } from "../../src/index.js";
import { type DueJob, InFlight, openStore, type Store } from "../../src/store/index.js";
import { fixtureText } from "../helpers/fixtures.js";
import {
  github,
  nockCreatesComment,
  nockTriageLookups,
  nockTriageStart,
  ownComment,
  payload,
  REPO_PATH,
  testProbot,
  useNock,
} from "../helpers/probot.js";
import { golden, QUIET, recordedBodies, seed, SEED_SHA } from "../helpers/app-fixtures.js";
import { until } from "../store/wait.js";

// A syzbot email (built from syzbot's template around the real seed log, see test/fixtures/constructed/README.md)
// whose `bisection log:` link the app fetches from the dashboard to judge the email's result.
const email = fixtureText("constructed/email-bisected-cause.txt");
const LOG_PATH = "/x/bisect.txt";
const LOG_QUERY = { x: "12345c2b900000" };
const LOG_URL = "https://syzkaller.appspot.com/x/bisect.txt?x=12345c2b900000";
/** The error of a try that waits for the log, as the app throws it and Probot logs the failed event with it. */
const WAITS = `the linked log ${LOG_URL} could not be read (HTTP 503); the triage waits for it`;

useNock();
const bodies = recordedBodies();

/** The server's retry queue, scaled down: three tries in all, 20 ms then 40 ms apart, claims and records leased for 300 ms. */
const FAST_RETRIES = { firstDelayMs: 20, maxDelayMs: 40, pollMs: 5, maxAttempts: 3, leaseMs: 300 };

/** The app as a server runs it (a retry runner on its store), on a fresh Probot: nothing cached from an earlier triage. */
async function appWithRetries(retries: boolean, policy: Partial<typeof FAST_RETRIES> = {}) {
  let store: Store | undefined;
  const inFlight = new InFlight();
  const made = await testProbot(syztriageApp({ ...STANDALONE, inFlight, retries, store: (app) => (store = openStore({}, app.log, { retry: { ...FAST_RETRIES, ...policy } })) }));
  onTestFinished(() => store?.close());
  return { ...made, inFlight, store: () => store as Store };
}

/** The messages of the warnings and errors logged, in order. */
function problems(logs: Record<string, unknown>[]): string[] {
  return logs.filter((l) => (l.level as number) >= 40).map((l) => String(l.msg));
}

/**
 * The summary an earlier triage wrote when the log answered: a good one, judged from the log (the golden
 * file linked-logs.test.ts checks the app writes for this email).
 */
function goodSummary(): string {
  const body = readFileSync(golden("email-with-linked-log"), "utf8");
  expect(body).toContain("**Likely culprit:** `2b0d3d3e4fcf`");
  return body;
}

describe("a linked log whose host fails for now never replaces a summary judged from it", () => {
  test("a 503 on the log writes nothing and schedules a retry; the retry, the log answering, finds nothing to change", async () => {
    const summary = goodSummary();
    const { probot, logs, inFlight } = await appWithRetries(true);
    const dashboard = nock("https://syzkaller.appspot.com").get(LOG_PATH).query(LOG_QUERY).reply(503).get(LOG_PATH).query(LOG_QUERY).reply(200, seed);
    const existing = { config: QUIET, comments: [ownComment(60, summary)], issue: { labels: ["subsystem: mm"] } };
    // The edit's try: it stops at the log, before the commit, MAINTAINERS or any write.
    const edit = nockTriageStart(github(), existing);
    // The retry reads everything again (its token cached), and writes nothing: no write is mocked.
    const retry = nockTriageStart(github(), { ...existing, auth: false });
    nockTriageLookups(retry, { commit: { sha: SEED_SHA, status: 404 }, search: false });

    await expect(probot.receive(payload("issues.edited", { body: email }))).rejects.toThrow(WAITS);
    expect(edit.pendingMocks()).toEqual([]);
    expect(logs.find((l) => l.msg === "triage failed")).toMatchObject({ issue: "Codertocat/Hello-World#1", attempt: 1, retry: "scheduled" });

    await until(() => retry.isDone() && dashboard.isDone() && inFlight.size === 0);
    expect(problems(logs)).toEqual(["retry scheduled", "triage failed", WAITS]);
  });

  test("a log that stays down: after the retry queue's last try, one comment names it as unread", async () => {
    const { probot, logs, inFlight } = await appWithRetries(true);
    const dashboard = nock("https://syzkaller.appspot.com").get(LOG_PATH).query(LOG_QUERY).times(3).reply(503);
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageStart(scope, { auth: false, config: QUIET, comments: [] });
    // The third try is the last: it goes on without the log.
    nockTriageStart(scope, { auth: false, config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockCreatesComment(scope, 61, { record: bodies });

    await expect(probot.receive(payload("issues.opened", { body: email }))).rejects.toThrow("HTTP 503");
    await until(() => scope.isDone() && inFlight.size === 0);
    expect(dashboard.isDone()).toBe(true);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain("the report states the result without its bisection log (it could not be read: HTTP 503)");
    // Each failed try logged, each retry scheduled with its attempt, and no try given up.
    expect(problems(logs)).toEqual(["retry scheduled", "triage failed", WAITS, "retry failed", "retry scheduled"]);
    expect(logs.filter((l) => l.msg === "retry scheduled").map((l) => l.attempt)).toEqual([2, 3]);
  });

  test("a 404 is no transient failure: the first try writes the comment naming the log as unread", async () => {
    const { probot, logs } = await appWithRetries(true);
    const dashboard = nock("https://syzkaller.appspot.com").get(LOG_PATH).query(LOG_QUERY).reply(404);
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockCreatesComment(scope, 62, { record: bodies });
    await probot.receive(payload("issues.opened", { body: email }));
    expect([scope, dashboard].flatMap((s) => s.pendingMocks())).toEqual([]);
    expect(bodies[0]).toContain("(it could not be read: HTTP 404)");
    expect(problems(logs)).toEqual([]);
  });
});

describe("GitHub failing for now on a culprit's commit or MAINTAINERS is no fact about them", () => {
  test.each([
    ["the culprit's commit", { commit: 503, maintainers: 404 }],
    ["MAINTAINERS", { commit: 404, maintainers: 503 }],
  ])("a 503 on %s fails the triage before any write, and schedules a retry", async (_what, status) => {
    // The retry is not due within the test: what matters is that it is scheduled.
    const { probot, logs } = await appWithRetries(true, { firstDelayMs: 60_000 });
    const scope = nockTriageStart(github(), { config: QUIET, comments: [ownComment(60, goodSummary())], issue: { labels: ["subsystem: mm"] } });
    scope.get(`${REPO_PATH}/commits/${SEED_SHA}`).query(true).reply(status.commit, { message: "Server Error" });
    scope.get(`${REPO_PATH}/contents/MAINTAINERS`).reply(status.maintainers, { message: "Server Error" });
    await expect(probot.receive(payload("issues.edited", { body: seed }))).rejects.toThrow();
    expect(scope.pendingMocks()).toEqual([]);
    expect(logs.find((l) => l.msg === "triage failed")).toMatchObject({ attempt: 1, retry: "scheduled" });
  });
});

describe("where nobody runs the retries (a one-shot Action run)", () => {
  test("a failed triage is logged as not retried and leaves nothing in the retry queue", async () => {
    const { probot, logs, store } = await appWithRetries(false);
    const dashboard = nock("https://syzkaller.appspot.com").get(LOG_PATH).query(LOG_QUERY).reply(503);
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    await expect(probot.receive(payload("issues.opened", { body: email }))).rejects.toThrow("HTTP 503");
    expect([scope, dashboard].flatMap((s) => s.pendingMocks())).toEqual([]);
    expect(problems(logs)).toEqual(["triage failed, not retried (no retry runner)", WAITS]);
    expect(logs[0]).toMatchObject({ issue: "Codertocat/Hello-World#1", delivery: "delivery-issues.opened", attempt: 1 });
    // A consumer on the same store, well past every delay and lease of the policy, finds nothing to run.
    const delivered: DueJob[] = [];
    const consumer = store().retries.consume(async (due) => void delivered.push(due));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await consumer.stop();
    expect(delivered).toEqual([]);
  });
});
