import { beforeEach } from "vitest";
import { decodeState, type IssueState } from "../../src/state/index.js";
import { FIXTURES, fixtureText } from "./fixtures.js";

/** The texts and commits the app tests use most: the seed log (a reliable culprit) and a merge culprit. */
export const seed = fixtureText("logs/seed-2020-culprit.txt");
export const SEED_SHA = "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e";
export const merge = fixtureText("logs/2022-merge-culprit.txt");
export const MERGE_SHA = "f18e345dd156cc0fcf4a4911af2f959120613871";
/** A config under which nobody is mentioned or looked up. */
export const QUIET = "mentions:\n  enabled: false\n";

/** The golden file of an app test's comment (`npm run fixtures:update` rewrites it). */
export function golden(name: string): string {
  return `${FIXTURES}comments/app/${name}.md`;
}

/** The state a summary comment records in its header. */
export function stateOf(body: string): IssueState | null {
  return decodeState(body.split("\n")[1] ?? "");
}

/** The comment bodies the app posts, recorded afresh for every test of the calling file. */
export function recordedBodies(): string[] {
  const bodies: string[] = [];
  beforeEach(() => {
    bodies.length = 0;
  });
  return bodies;
}
