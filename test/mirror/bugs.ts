import { readFileSync } from "node:fs";
import { DashboardBug } from "../../src/mirror/dashboard-api.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { bugJson, type FakeBug, type FakeDashboard } from "./fake-dashboard.js";

/** test/fixtures/mirror/bugs.json's real bugs (sources in its README), at the stage of their life a test puts them in. */
export type Stage = "reported" | "bisected" | "fixed";
export type BugName = "nf-tables" | "mptcp" | "mon-bin";

interface BugFixture extends FakeBug {
  fixedStatus?: string;
  texts: Record<string, string>;
}

const BUGS = JSON.parse(readFileSync(`${FIXTURES}mirror/bugs.json`, "utf8")) as Record<BugName, BugFixture>;

/** A fixture bug as the dashboard shows it at `stage`: before its bisection, bisected, fixed. */
export function fixtureBug(name: BugName, stage: Stage): FakeBug {
  const { texts: _texts, fixedStatus, cause, fixes, ...bug } = structuredClone(BUGS[name]);
  return {
    ...bug,
    ...(stage !== "reported" && cause ? { cause } : {}),
    ...(stage === "fixed" ? { fixes: fixes ?? [], status: fixedStatus ?? "fixed on 2025/02/01 00:00", fixTime: bug.lastCrash, closeTime: bug.lastCrash } : {}),
  };
}

/** The bug's page as the mirror reads it: the dashboard's JSON of it, parsed. */
export function fixturePage(name: BugName, stage: Stage): DashboardBug {
  return DashboardBug.parse(JSON.parse(bugJson(fixtureBug(name, stage))));
}

/** The texts of a fixture bug, by their dashboard id. */
export function fixtureTexts(name: BugName): [string, string][] {
  return Object.entries(BUGS[name].texts).map(([x, path]) => [x, readFileSync(`${FIXTURES}mirror/${path}`, "utf8")]);
}

/** Puts a fixture bug on the dashboard (or moves it to `stage`), with its texts. */
export function showBug(dashboard: FakeDashboard, name: BugName, stage: Stage): FakeBug {
  const bug = fixtureBug(name, stage);
  const at = dashboard.bugs.findIndex((b) => b.id === bug.id);
  if (at < 0) dashboard.bugs.push(bug);
  else dashboard.bugs[at] = bug;
  for (const [x, text] of fixtureTexts(name)) dashboard.texts.set(x, text);
  return bug;
}
