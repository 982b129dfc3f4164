import { scanLogLinks } from "../fetch/index.js";
import { parseText } from "../parse/index.js";
import { changedTexts, type IssuePayload } from "./event-texts.js";
import { hasCommands } from "./issue-commands.js";

/**
 * Whether an event may change the triage: its new or old text holds a report,
 * a link to a log, a command (comments), or a crash report (the issue body).
 * Everything else is ignored before any GitHub call.
 */
export function eventMatters(payload: IssuePayload): boolean {
  return changedTexts(payload).some((text) => {
    if (payload.comment && hasCommands(text)) return true;
    if (scanLogLinks(text).length > 0) return true;
    const read = parseText(text);
    return read.reports.length > 0 || (!payload.comment && read.crashes.length > 0);
  });
}
