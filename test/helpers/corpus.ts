import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../../src/eval/csv.js";

/** ../shared beside the checkout: present in CI and on the team's machines, absent in a user's clone. */
export const SHARED = fileURLToPath(new URL("../../../shared/", import.meta.url));
export const STUDY = `${SHARED}data/syzbot-study/`;
export const hasStudy = existsSync(`${STUDY}bugs-dev.csv`);

export function studyRows(): Record<string, string>[] {
  return parseCsv(readFileSync(`${STUDY}bugs-dev.csv`, "utf8"));
}
