import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseText, type Report, Report as ReportSchema } from "../../src/parse/index.js";
import { hasStudy, STUDY, studyRows } from "../helpers/corpus.js";

// 2,951 real syzbot logs (../shared/data/syzbot-study): present in CI, absent in a user's clone.
describe.skipIf(!hasStudy)("the syzbot study corpus", () => {
  const parsed = new Map<string, Report[]>();

  test("every log parses without an exception into schema-valid reports", () => {
    const tallies: Record<string, number> = {};
    for (const file of readdirSync(`${STUDY}logs`).sort()) {
      const { reports } = parseText(readFileSync(`${STUDY}logs/${file}`, "utf8"));
      parsed.set(file, reports);
      for (const report of reports) ReportSchema.parse(report);
      const key = `${file.split("_")[0]}: ${reports.map((r) => r.outcome).join("+") || "no report"}`;
      tallies[key] = (tallies[key] ?? 0) + 1;
    }
    console.log("outcomes by file kind:", tallies);
    expect(parsed.size).toBe(2951);
    // Error_*.txt hold only syzbot's one-line job error, not a log.
    expect(tallies["Error: no report"]).toBe(643);
    // Every finished log yields exactly one report with a definite result.
    const logs = [...parsed].filter(([f]) => f.startsWith("Log_"));
    expect(logs.every(([, r]) => r.length === 1 && r[0]?.outcome !== "incomplete")).toBe(true);
  });

  test("syzbot's culprit is the parsed culprit or among the candidates, for every bug with one", () => {
    const rows = studyRows().filter((r) => r.bad_commit);
    expect(rows.length).toBeGreaterThan(700);
    const missing = rows.filter((row) => {
      const reports = parsed.get(row.log_file ?? "") ?? [];
      return !reports.some((r) => r.culprit?.sha === row.bad_commit || r.candidates.some((c) => c.sha === row.bad_commit));
    });
    expect(missing.map((r) => r.log_file)).toEqual([]);
  });

  test("no log that syzbot marked as failed yields a culprit", () => {
    const rows = studyRows().filter((r) => r.syzbot_status === "error");
    expect(rows.length).toBeGreaterThan(400);
    const withCulprit = rows.filter((row) => (parsed.get(row.log_file ?? "") ?? []).some((r) => r.culprit !== null));
    expect(withCulprit.map((r) => r.log_file)).toEqual([]);
    const outcomes = new Set(rows.flatMap((row) => (parsed.get(row.log_file ?? "") ?? []).map((r) => r.outcome)));
    expect([...outcomes]).toEqual(["error"]);
  });
});
