import { setTimeout as sleep } from "node:timers/promises";
import { expectedTriage } from "../../src/bench/load/expected.js";
import type { InProcessApp, InProcessOptions } from "../../src/bench/load/in-process-app.js";
import { fixtureLogs } from "../../src/bench/load/scenario.js";
import type { Delivered, Webhook } from "../../src/bench/load/webhooks.js";
import { FakeGitHub } from "../../src/bench/fake-github/server.js";
import { type FakeIssue, type FakeRepo, World } from "../../src/bench/fake-github/world.js";
import { readCommentHeader } from "../../src/state/index.js";

// The load and fault tests: the app against the stand-in for GitHub (src/bench/fake-github/), with the
// real syzbot logs of test/fixtures/logs/ as issue bodies. "Right" is what the dry run writes for the
// issue (src/bench/load/expected.ts), the stand-in knowing none of the logs' commits and people.

export interface LoadIssue {
  repo: FakeRepo;
  issue: FakeIssue;
}

let commenting: { name: string; text: string }[] | undefined;
/** The fixture logs the app writes a summary for (a few say nothing the app would post). */
async function commentingLogs(): Promise<{ name: string; text: string }[]> {
  if (!commenting) {
    const world = new World({ id: 1, slug: "probe" });
    const repo = world.addRepo(1, "probe", "linux");
    commenting = [];
    for (const log of fixtureLogs()) {
      const issue = world.openIssue(repo, { title: log.name, body: log.text, author: "probe", association: "OWNER" });
      if ((await expectedTriage(world, repo, issue)).comment !== null) commenting.push(log);
    }
  }
  return commenting;
}

/** A stand-in with `installations` kernel forks, each holding these files. */
export async function fakeGitHub(installations: number, files: Record<string, string> = {}): Promise<{ github: FakeGitHub; repos: FakeRepo[] }> {
  const github = await FakeGitHub.start();
  const repos = Array.from({ length: installations }, (_, i) => github.world.addRepo(i + 1, `org-${i + 1}`, "linux", files));
  return { github, repos };
}

/** `count` new issues spread over the repositories in turn, each with the next real log, posted by the repository's owner. */
export async function openIssues(github: FakeGitHub, repos: readonly FakeRepo[], count: number): Promise<LoadIssue[]> {
  const logs = await commentingLogs();
  return Array.from({ length: count }, (_, i) => {
    const repo = repos[i % repos.length] as FakeRepo;
    const log = logs[i % logs.length] as { name: string; text: string };
    return { repo, issue: github.world.openIssue(repo, { title: `syzbot: ${log.name}`, body: log.text, author: repo.owner, association: "OWNER" }) };
  });
}

/** A summary's three header lines (marker, state, newest comment handled) and the text people read. */
function splitSummary(body: string): { header: ReturnType<typeof readCommentHeader>; text: string } {
  return { header: readCommentHeader(body), text: body.split("\n").slice(3).join("\n") };
}

/**
 * What is wrong with the issues now, one line each: every issue must hold exactly one summary whose text
 * is the dry run's, whose header holds the dry run's state, and the labels themselves. (The header's
 * newest comment handled depends on the issue's other comments, which the dry run does not see.) The right
 * triage is the one of the issues as they are now: their duplicates and titles included.
 */
export async function problems(github: FakeGitHub, issues: readonly LoadIssue[]): Promise<string[]> {
  const found: string[] = [];
  for (const { repo, issue } of issues) {
    const expected = await expectedTriage(github.world, repo, issue);
    const name = `${repo.owner}/${repo.name}#${issue.number}`;
    const comments = github.world.appComments(issue);
    const got = splitSummary(comments[0]?.body ?? "");
    const want = splitSummary(expected.comment ?? "");
    if (comments.length !== 1) found.push(`${name}: ${comments.length} summaries`);
    else if (got.text !== want.text) found.push(`${name}: the summary is not the dry run's`);
    else if (!got.header?.state || JSON.stringify(got.header.state) !== JSON.stringify(want.header?.state ?? null)) found.push(`${name}: the summary's state is not the dry run's`);
    const missing = expected.labels.filter((l) => !issue.labels.includes(l));
    if (missing.length > 0) found.push(`${name}: labels ${missing.join(", ")} missing`);
  }
  return found;
}

/** Whether every issue has its summary (its content is checked by `problems`). */
export function allCommented(github: FakeGitHub, issues: readonly LoadIssue[]): boolean {
  return issues.every(({ issue }) => github.world.appComments(issue).length > 0);
}

/** The items in an order fixed by `seed` (a small LCG), so a failure can be replayed. */
export function shuffled<T>(items: readonly T[], seed = 12): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Sends every webhook, at most `concurrency` at a time, as GitHub delivers a burst. */
export async function burst<R = Delivered>(send: (webhook: Webhook) => Promise<R>, webhooks: readonly Webhook[], concurrency = 50): Promise<R[]> {
  const results: R[] = new Array(webhooks.length);
  let next = 0;
  const worker = async () => {
    while (next < webhooks.length) {
      const at = next++;
      results[at] = await send(webhooks[at] as Webhook);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/**
 * The app for fault tests: its throttling on but unpaced, Octokit's 5xx retries 10, 40 and 90 ms apart
 * instead of 1, 4 and 9 s, and a retry queue whose backoff starts at 200 ms instead of 30 s (the same
 * policy, scaled down).
 */
export const FAULT_APP: Omit<InProcessOptions, "github"> = {
  limits: { minTime: { write: 0, search: 0, notifications: 0 } },
  retryBaseMs: 10,
  store: { retry: { firstDelayMs: 200, maxDelayMs: 1_000, pollMs: 20, maxAttempts: 12, leaseMs: 5_000 } },
};

/** Waits until every issue holds its right summary and the app (in this process, if given) is idle; fails with what is still wrong. */
export async function settled(github: FakeGitHub, app: Pick<InProcessApp, "inFlight"> | null, issues: readonly LoadIssue[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const wrong = await problems(github, issues);
    if (wrong.length === 0 && (app?.inFlight.size ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error(`not settled in ${timeoutMs} ms:\n${wrong.join("\n")}`);
    await sleep(25);
  }
}

/** The messages the app logged, in order. */
export function messages(app: InProcessApp): string[] {
  return app.logs.map((l) => String(l.msg));
}
