import { isMergeSubject } from "./fields/commit-display.js";
import type { Commit, Evidence, Format, Links, Report, Step, StepKind } from "./schema.js";

export function emptyLinks(): Links {
  return { dashboard: null, bisectionLog: null, crashReport: null, consoleLog: null, kernelConfig: null, syzRepro: null, cRepro: null, testLog: null };
}

/** How each format states its result, unless the text shows more (a report with its log attached). */
const FORMAT_EVIDENCE: Record<Format, Evidence> = {
  "bisection-log": "log",
  "git-bisect-log": "log",
  "syzbot-email": "report",
  kernelci: "report",
  "markdown-report": "report",
  statement: "prose",
};

/** A report with every field at its "not in the log" value. */
export function emptyReport(format: Format, startLine: number): Report {
  return {
    format,
    evidence: FORMAT_EVIDENCE[format],
    checks: null,
    parameters: {},
    quoteDepth: 0,
    direction: "cause",
    outcome: "incomplete",
    culprit: null,
    candidates: [],
    crashTitle: null,
    originalCrashTitle: null,
    recipients: { to: [], cc: [] },
    startCommit: null,
    revisionsTested: null,
    error: null,
    steps: [],
    range: null,
    compilers: [],
    culpritSignature: null,
    parentSignature: null,
    accumulatedErrorProbability: null,
    flaky: { flagged: false, reproChance: null },
    totalTime: null,
    startedAt: null,
    host: null,
    syzkallerCommit: null,
    boundaryCommitTitle: null,
    crashReport: null,
    crash: null,
    reportedBy: null,
    fixesTag: null,
    links: emptyLinks(),
    warnings: [],
    verdict: null,
    source: { startLine, endLine: startLine },
  };
}

/** Sorted, de-duplicated, lower-case addresses, as syzbot lists them. */
export function addressSet(addresses: Iterable<string>): string[] {
  return [...new Set([...addresses].map((a) => a.trim().toLowerCase()).filter((a) => a.length > 0))].sort();
}

/** A commit known only by its hash and subject (no commit display in the text). */
export function bareCommit(sha: string, subject: string): Commit {
  return { sha, subject, author: null, date: null, files: [], diffstat: [], merge: isMergeSubject(subject), parents: [], trailers: [] };
}

export function emptyStep(sha: string, kind: StepKind): Step {
  return {
    sha,
    kind,
    release: null,
    subject: null,
    verdict: null,
    crashed: null,
    compiler: null,
    kernelSignature: null,
    buildError: null,
    runs: [],
    representativeCrash: null,
    falseNegativeChance: null,
    flaky: false,
  };
}
