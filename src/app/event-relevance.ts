import { readReports } from "../analyse/read-reports.js";
import { parseCommands } from "../commands/index.js";
import { scanLogLinks } from "../fetch/index.js";
import type { ParseResult } from "../parse/schema.js";
import { changedTexts, type IssuePayload } from "./event-texts.js";

/**
 * Whether an event may change the triage: its new or old text holds a report,
 * a link to a log, a command (comments), or a crash report (the issue body).
 * Everything else is ignored before any GitHub call. The readings are kept, so
 * the triage does not parse the event's text a second time.
 */
export function readEvent(payload: IssuePayload): { matters: boolean; read: Map<string, ParseResult> } {
  const read = new Map<string, ParseResult>();
  let matters = false;
  for (const text of changedTexts(payload)) {
    const result = readReports(text);
    read.set(text, result);
    matters ||=
      (payload.comment !== undefined && parseCommands(text).length > 0) ||
      scanLogLinks(text).length > 0 ||
      result.reports.length > 0 ||
      (!payload.comment && result.crashes.length > 0);
  }
  return { matters, read };
}
