import type { SourceLine } from "./text/source-lines.js";

/** What every reader of a report form is told about the text around it. */
export interface ReaderOptions {
  /** True where another report (an email, a log, a KernelCI report ...) starts at lines[i]: a report ends before it. */
  startsOtherReport: (lines: SourceLine[], i: number) => boolean;
}
