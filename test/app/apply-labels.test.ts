import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { Plan } from "../../src/decide/plan.js";
import { applyPlan } from "../../src/github/apply.js";
import { openStore } from "../../src/store/index.js";

// Issues of one repository triaged at the same moment (a burst of syzbot's reports) want the same new
// label: it is created once, not once per issue (the bench's burst counts it).
beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function plan(): Plan {
  const label = { name: "subsystem: mm", color: "1d76db", description: "Kernel subsystem (syztriage)" };
  return { createLabels: [label], addLabels: [label.name], removeLabels: [], comment: null, deleteComments: [], reactions: [], replies: [], outcome: { labels: [label.name], mentions: [] } };
}

test("a new label wanted by issues triaged together is created once", async () => {
  const store = openStore({}, quiet);
  // The app's client adds retries and throttling to this one; applyPlan uses neither.
  const octokit = new Octokit({ auth: "t", log: quiet }) as unknown as Parameters<typeof applyPlan>[0];
  const scope = nock("https://api.github.com")
    .post("/repos/o/linux/labels", { name: "subsystem: mm", color: "1d76db", description: "Kernel subsystem (syztriage)" })
    .delay(50)
    .reply(201, {})
    .post("/repos/o/linux/issues/1/labels", { labels: ["subsystem: mm"] })
    .reply(200, [])
    .post("/repos/o/linux/issues/2/labels", { labels: ["subsystem: mm"] })
    .reply(200, []);
  const labels = { known: store.cache(1, "labels"), creating: new Map<string, Promise<void>>() };
  const fail = (err: unknown) => {
    throw err;
  };
  await Promise.all([1, 2].map((n) => applyPlan(octokit, { owner: "o", repo: "linux", issue_number: n }, plan(), labels, fail)));
  expect(scope.pendingMocks()).toEqual([]);
  expect(labels.creating.size).toBe(0);
  await store.close();
});
