import { describe, expect, test } from "vitest";
import { fixtureText } from "../helpers/fixtures.js";
import {
  github,
  nockAddsLabels,
  nockCreatesComment,
  nockLabelEvents,
  nockIssueSearch,
  nockTriageLookups,
  nockTriageStart,
  nockUpdatesComment,
  ownSummary,
  payload,
  REPO_PATH,
  strictProbot,
  SUBSYSTEM_LABEL,
  UNRELIABLE_LABEL,
  useNock,
} from "../helpers/probot.js";
import { golden, merge, MERGE_SHA, QUIET, recordedBodies, seed, SEED_SHA, stateOf } from "../helpers/app-fixtures.js";

// Which evidence the labels follow (issue "Subsystem labels kernel people recognize and can trust"),
// on real logs, and how the app's labels follow the evidence while people's labels stay.
const release = fixtureText("logs/release-commit-culprit.txt");
const otherBug = fixtureText("evidence/another-bugs-crash.txt");

useNock();
const bodies = recordedBodies();

describe("the evidence a label comes from", () => {
  test("a merge culprit labels nothing from its files: the crash's guilty file labels the issue, and the comment says so", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: MERGE_SHA, status: 404 } });
    nockAddsLabels(scope, [
      { name: "subsystem: sound", description: SUBSYSTEM_LABEL },
      { name: "bisection: unreliable", description: UNRELIABLE_LABEL },
    ]);
    nockCreatesComment(scope, 1, { record: bodies });
    await probot.receive(payload("issues.opened", { body: merge }));
    expect(scope.pendingMocks()).toEqual([]);
    await expect(bodies[0]).toMatchFileSnapshot(golden("merge-culprit"));
  });

  test("a release commit is not the culprit either: the crash (syzbot's older title of the same bug) labels it", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: "4d856f72c10ecb060868ed10ff1b1453943fc6c8", status: 404 } });
    nockAddsLabels(scope, [
      { name: "subsystem: net", description: SUBSYSTEM_LABEL },
      { name: "bisection: unreliable", description: UNRELIABLE_LABEL },
    ]);
    nockCreatesComment(scope, 2, { record: bodies });
    await probot.receive(payload("issues.opened", { body: release }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("**Subsystem:** net (from the crash's guilty file, because the culprit is a release commit).");
  });

  test("a bisection that followed another bug gives no subsystem label at all, and says which evidence is missing", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { commit: { sha: "fdadd04931c2d7cd294dc5b2b342863f94be53a3", status: 404 } });
    nockAddsLabels(scope, [{ name: "bisection: unreliable", description: UNRELIABLE_LABEL }]);
    nockCreatesComment(scope, 3, { record: bodies });
    await probot.receive(payload("issues.opened", { body: otherBug }));
    expect(scope.pendingMocks()).toEqual([]);
    await expect(bodies[0]).toMatchFileSnapshot(golden("another-bugs-crash"));
  });

  test("with a reliable and an unreliable report, the labels follow the reliable one and the issue is not labelled unreliable", async () => {
    const { probot } = await strictProbot();
    const scope = nockTriageStart(github(), { config: QUIET, comments: [] });
    nockTriageLookups(scope, { search: false });
    scope.get(`${REPO_PATH}/commits/${SEED_SHA}`).query(true).reply(404).get(`${REPO_PATH}/commits/${MERGE_SHA}`).query(true).reply(404);
    nockIssueSearch(scope);
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockCreatesComment(scope, 4, { record: bodies });
    await probot.receive(payload("issues.opened", { body: `First try:\n\n${merge}\n\nRetried on another tree:\n\n${seed}` }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]).toContain("**2 results**, newest first; the labels follow 1:");
    expect(bodies[0]).toContain("1. **Likely culprit:** `2b0d3d3e4fcf`");
    expect(bodies[0]).toContain("2. **Doubtful culprit:** `f18e345dd156`");
  });
});

describe("labels follow the evidence, people keep theirs", () => {
  test("an edit that changes the evidence takes off the app's stale label, adds the new ones, and leaves a person's label alone", async () => {
    const { probot } = await strictProbot();
    const earlier = ownSummary(10, { appLabels: ["subsystem: mm"] });
    const scope = nockTriageStart(github(), { config: QUIET, comments: [earlier], issue: { labels: ["subsystem: mm", "subsystem: block", "regression"] } });
    nockTriageLookups(scope, { commit: { sha: MERGE_SHA, status: 404 } });
    nockAddsLabels(scope, [
      { name: "subsystem: sound", description: SUBSYSTEM_LABEL },
      { name: "bisection: unreliable", description: UNRELIABLE_LABEL },
    ]);
    // The app's label to take off: the events show no person put it back since.
    nockLabelEvents(scope, [{ event: "labeled", label: "subsystem: mm", byApp: true }]);
    scope.delete(`${REPO_PATH}/issues/1/labels/subsystem%3A%20mm`).reply(200, []);
    nockUpdatesComment(scope, 10, bodies);
    await probot.receive(payload("issues.edited", { body: merge, from: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)?.appLabels).toEqual(["subsystem: sound", "bisection: unreliable"]);
  });

  test("a label the app added that a person took off and put back is theirs: an edit that moves the evidence leaves it", async () => {
    const { probot } = await strictProbot();
    const earlier = ownSummary(12, { appLabels: ["subsystem: mm"] });
    const scope = nockTriageStart(github(), { config: QUIET, comments: [earlier], issue: { labels: ["subsystem: mm"] } });
    nockTriageLookups(scope, { commit: { sha: MERGE_SHA, status: 404 } });
    nockAddsLabels(scope, [
      { name: "subsystem: sound", description: SUBSYSTEM_LABEL },
      { name: "bisection: unreliable", description: UNRELIABLE_LABEL },
    ]);
    nockLabelEvents(scope, [
      { event: "labeled", label: "subsystem: mm", byApp: true },
      { event: "unlabeled", label: "subsystem: mm", byApp: false },
      { event: "labeled", label: "subsystem: mm", byApp: false },
    ]);
    nockUpdatesComment(scope, 12, bodies);
    await probot.receive(payload("issues.edited", { body: merge, from: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)).toMatchObject({ appLabels: ["subsystem: sound", "bisection: unreliable"], peopleLabels: ["subsystem: mm"] });
  });

  test("an edit that takes the log out takes off the app's labels and says so; people's labels stay", async () => {
    const { probot } = await strictProbot();
    const earlier = ownSummary(13, { appLabels: ["subsystem: mm"] });
    const scope = nockTriageStart(github(), { config: QUIET, comments: [earlier], issue: { labels: ["subsystem: mm", "regression"] } });
    nockLabelEvents(scope, [{ event: "labeled", label: "subsystem: mm", byApp: true }]);
    scope.delete(`${REPO_PATH}/issues/1/labels/subsystem%3A%20mm`).reply(200, []);
    nockUpdatesComment(scope, 13, bodies);
    await probot.receive(payload("issues.edited", { body: "The log moved to the mailing-list thread.\n", from: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(bodies[0]!.split("\n").slice(3).join("\n")).toBe(
      "**No report left:** the issue no longer holds a bisection log or crash report the app can read, so there is nothing to summarize. The labels the app added are taken off (`subsystem: mm`); labels people added stay.\n",
    );
    expect(stateOf(bodies[0]!)?.appLabels).toEqual([]);
  });

  test("an edit that takes the log out of an issue a maintainer marked leaves the labels the commands asked for", async () => {
    const { probot } = await strictProbot();
    const history = [{ kind: "set-subsystems" as const, value: "block", by: "maintainer", at: "2026-11-27T00:00:00Z" }];
    const earlier = ownSummary(14, { subsystems: ["block"], history, appLabels: ["subsystem: block", "bisection: unreliable"] });
    const scope = nockTriageStart(github(), { config: QUIET, comments: [earlier], issue: { labels: ["subsystem: block", "bisection: unreliable"] } });
    nockLabelEvents(scope, [{ event: "labeled", label: "bisection: unreliable", byApp: true }]);
    scope.delete(`${REPO_PATH}/issues/1/labels/bisection%3A%20unreliable`).reply(200, []);
    nockUpdatesComment(scope, 14, bodies);
    await probot.receive(payload("issues.edited", { body: "The log moved to the mailing-list thread.\n", from: merge }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)).toMatchObject({ subsystems: ["block"], appLabels: ["subsystem: block"] });
  });

  test("a label a person took off after the app added it is not put back, and is remembered as declined", async () => {
    const { probot } = await strictProbot();
    const earlier = ownSummary(11, { appLabels: ["subsystem: mm", "bisection: unreliable"] });
    // The person removed "subsystem: mm"; the evidence still supports it.
    const scope = nockTriageStart(github(), { config: QUIET, comments: [earlier], issue: { labels: ["bisection: unreliable"] } });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    // Gone from the issue: the events say who took it off.
    nockLabelEvents(scope, [
      { event: "labeled", label: "subsystem: mm", byApp: true },
      { event: "unlabeled", label: "subsystem: mm", byApp: false },
    ]);
    // The seed is reliable: the app's unreliable label comes off; mm stays off.
    scope.delete(`${REPO_PATH}/issues/1/labels/bisection%3A%20unreliable`).reply(200, []);
    nockUpdatesComment(scope, 11, bodies);
    await probot.receive(payload("issues.edited", { body: seed, from: merge }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)).toMatchObject({ appLabels: [], declinedLabels: ["subsystem: mm"] });
  });

  test("a label the app recorded but never got on (its adding failed) is added again, not taken for a person's", async () => {
    const { probot } = await strictProbot();
    const earlier = ownSummary(13, { appLabels: ["subsystem: mm"] });
    const scope = nockTriageStart(github(), { config: QUIET, comments: [earlier], issue: { labels: [] } });
    nockTriageLookups(scope, { commit: { sha: SEED_SHA, status: 404 } });
    nockLabelEvents(scope, []);
    nockAddsLabels(scope, [{ name: "subsystem: mm", description: SUBSYSTEM_LABEL }]);
    nockUpdatesComment(scope, 13, bodies);
    await probot.receive(payload("issues.edited", { body: seed }));
    expect(scope.pendingMocks()).toEqual([]);
    expect(stateOf(bodies[0]!)).toMatchObject({ appLabels: ["subsystem: mm"], declinedLabels: [] });
  });

  test("a label a person added that the evidence no longer supports stays", async () => {
    const { probot } = await strictProbot();
    const earlier = ownSummary(12, { appLabels: [] });
    const scope = nockTriageStart(github(), { config: QUIET, comments: [earlier], issue: { labels: ["subsystem: mm"] } });
    nockTriageLookups(scope, { commit: { sha: MERGE_SHA, status: 404 } });
    nockAddsLabels(scope, [
      { name: "subsystem: sound", description: SUBSYSTEM_LABEL },
      { name: "bisection: unreliable", description: UNRELIABLE_LABEL },
    ]);
    nockUpdatesComment(scope, 12, bodies);
    await probot.receive(payload("issues.edited", { body: merge, from: seed }));
    expect(scope.pendingMocks()).toEqual([]);
  });
});
