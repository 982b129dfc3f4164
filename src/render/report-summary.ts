import type { CrashFinding, Report } from "../parse/schema.js";

/** A short plain-text account of one report, for terminals (`syztriage parse`). */
export function summarizeReport(report: Report): string[] {
  const out: string[] = [];
  out.push(`${report.format}, ${report.direction} bisection: ${report.outcome} (lines ${report.source.startLine}-${report.source.endLine})`);
  const c = report.culprit;
  if (c) {
    const who = c.author ? ` by ${c.author.name} <${c.author.email}>` : "";
    out.push(`  ${report.direction === "fix" ? "fix" : "culprit"}: ${c.sha.slice(0, 12)} ${c.subject}${who}${c.merge ? " [merge]" : ""}`);
    if (c.files.length > 0) out.push(`  files: ${c.files.slice(0, 5).join(", ")}${c.files.length > 5 ? `, +${c.files.length - 5} more` : ""}`);
  }
  for (const cand of report.candidates) out.push(`  candidate: ${cand.sha.slice(0, 12)} ${cand.subject ?? ""}`.trimEnd());
  if (report.error) out.push(`  error: ${report.error}`);
  if (report.crashTitle) out.push(`  crash: ${report.crashTitle}`);
  const to = report.recipients.to.join(", ") || "none";
  const cc = report.recipients.cc.join(", ") || "none";
  if (report.recipients.to.length + report.recipients.cc.length > 0) out.push(`  recipients: to ${to}; cc ${cc}`);
  if (report.steps.length > 0) {
    const count = (v: string) => report.steps.filter((s) => s.verdict === v).length;
    const time = report.totalTime ? `, ${report.totalTime.total.text}` : "";
    out.push(`  tested: ${report.steps.length} commits (${count("good")} good, ${count("bad")} bad, ${count("skip")} skip)${time}`);
  }
  if (report.verdict) {
    out.push(`  verdict: ${report.verdict.reliable ? "reliable" : "unreliable"} (score ${report.verdict.score.toFixed(2)})`);
  }
  for (const w of report.warnings) out.push(`  warning: ${w.message}`);
  return out;
}

/** A crash report without a bisection, for terminals. */
export function summarizeCrashFinding(finding: CrashFinding): string[] {
  const out = [`${finding.format === "oops" ? "kernel oops" : "syzbot bug report"} without a bisection (lines ${finding.source.startLine}-${finding.source.endLine})`];
  if (finding.title) out.push(`  crash: ${finding.title}`);
  if (finding.crash.guiltyFile) out.push(`  guilty file: ${finding.crash.guiltyFile}${finding.crash.guiltyFrame ? ` (${finding.crash.guiltyFrame})` : ""}`);
  if (finding.links.dashboard) out.push(`  dashboard: ${finding.links.dashboard}`);
  return out;
}
