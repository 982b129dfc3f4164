import type { Report } from "../../src/parse/schema.js";

/**
 * The fields a fixture's expectation pins down: everything a triager reads,
 * without the bulky crash text and step list (summarized instead).
 */
export function digest(report: Report) {
  const verdicts = { good: 0, bad: 0, skip: 0, none: 0 };
  for (const step of report.steps) verdicts[step.verdict ?? "none"]++;
  const c = report.culprit;
  return {
    format: report.format,
    evidence: report.evidence,
    quoteDepth: report.quoteDepth,
    direction: report.direction,
    outcome: report.outcome,
    culprit: c && {
      sha: c.sha,
      subject: c.subject,
      author: c.author,
      date: c.date,
      files: c.files,
      merge: c.merge,
    },
    candidates: report.candidates.map((x) => `${x.sha} ${x.subject ?? ""}`.trim()),
    crashTitle: report.crashTitle,
    originalCrashTitle: report.originalCrashTitle,
    recipients: report.recipients,
    startCommit: report.startCommit,
    revisionsTested: report.revisionsTested,
    error: report.error,
    steps: { count: report.steps.length, kinds: [...new Set(report.steps.map((s) => s.kind))], ...verdicts },
    range: report.range,
    compilers: report.compilers.length,
    signaturesEqual: report.culpritSignature === null ? null : report.culpritSignature === report.parentSignature,
    accumulatedErrorProbability: report.accumulatedErrorProbability,
    flaky: report.flaky,
    boundaryCommitTitle: report.boundaryCommitTitle,
    crashReportFirstLine: report.crashReport?.split("\n")[0] ?? null,
    crashGuiltyFile: report.crash?.guiltyFile ?? null,
    reportedBy: report.reportedBy,
    fixesTag: report.fixesTag,
    links: Object.fromEntries(Object.entries(report.links).filter(([, v]) => v !== null)),
    checks: report.checks,
    parameters: report.parameters,
    warnings: report.warnings.map((w) => w.code),
  };
}
