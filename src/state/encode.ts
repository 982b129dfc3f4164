import { Buffer } from "node:buffer";
import type { z } from "zod";
import { IssueState } from "./schema.js";

/**
 * The issue state as a hidden line in the app's own comment:
 * `<!-- syztriage-state: <base64url JSON> -->`. base64url has no "-->" and no
 * Markdown, so the line cannot break out of the HTML comment. Decoding trusts
 * nothing: a body with no state, two states, bad base64, bad JSON or a state the
 * schema rejects decodes to null, and the app starts from EMPTY_STATE.
 */
const OPEN = "<!-- syztriage-state: ";
const CLOSE = " -->";
// Far above the largest state the limits allow (about 16 KB), far below a comment's 65,536 characters.
const MAX_ENCODED_LENGTH = 32 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** `value` as base64url JSON: a hidden line's payload (no "-->", no Markdown). */
export function hiddenPayload(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** A hidden line's payload read back: null when it is too long, not base64url JSON, or not of `schema`'s shape. */
export function readHiddenPayload<T>(payload: string, schema: z.ZodType<T>): T | null {
  if (payload.length > MAX_ENCODED_LENGTH || !BASE64URL.test(payload)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * The state as its hidden line, always one the decoder accepts: past the size
 * the decoder reads (long titles in other scripts take up to four bytes a
 * character), the remembered search goes first, then the label notes, then the
 * oldest history.
 */
export function encodeState(state: IssueState): string {
  let fitted = IssueState.parse(state);
  let payload = hiddenPayload(fitted);
  while (payload.length > MAX_ENCODED_LENGTH) {
    // The search is only a cache the next triage rebuilds; the label notes save one read of the events; history is the maintainers' record.
    if (fitted.search !== null) fitted = { ...fitted, search: null };
    else if (fitted.peopleLabels.length > 0) fitted = { ...fitted, peopleLabels: [] };
    else if (fitted.history.length > 0) fitted = { ...fitted, history: fitted.history.slice(1) };
    else break;
    payload = hiddenPayload(fitted);
  }
  return `${OPEN}${payload}${CLOSE}`;
}

export function decodeState(commentBody: string): IssueState | null {
  const start = commentBody.indexOf(OPEN);
  if (start < 0 || commentBody.includes(OPEN, start + OPEN.length)) return null;
  const payloadStart = start + OPEN.length;
  const end = commentBody.indexOf(CLOSE, payloadStart);
  if (end < 0 || end - payloadStart > MAX_ENCODED_LENGTH) return null;
  return readHiddenPayload(commentBody.slice(payloadStart, end), IssueState);
}
