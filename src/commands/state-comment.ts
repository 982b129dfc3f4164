import { Buffer } from "node:buffer";
import { z } from "zod";
import { MAX_SUBSYSTEMS, MAX_TITLE_LENGTH, SUBSYSTEM_NAME } from "./command.js";
import { MAX_HISTORY, type CommandState } from "./state.js";

/**
 * The command state as a hidden line in the app's own comment:
 * `<!-- syztriage-state: <base64url JSON> -->`. base64url has no "-->" and no
 * Markdown, so the line cannot break out of the HTML comment. Decoding trusts
 * nothing: a body with no state, two states, bad base64, bad JSON or a state the
 * schema rejects decodes to null, and the app starts from EMPTY_STATE.
 */
const OPEN = "<!-- syztriage-state: ";
const CLOSE = " -->";
// Far above the largest state the limits allow (about 13 KB), far below a comment's 65,536 characters.
const MAX_ENCODED_LENGTH = 32 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
// A history value is a title, or up to MAX_SUBSYSTEMS names of at most 40 characters joined by ", ".
const MAX_HISTORY_VALUE_LENGTH = Math.max(MAX_TITLE_LENGTH, MAX_SUBSYSTEMS * 42);
// GitHub logins (39 characters, "[bot]") and ISO timestamps fit easily.
const MAX_AUTHOR_FIELD_LENGTH = 100;

const title = z.string().min(1).max(MAX_TITLE_LENGTH);
const StateSchema = z.strictObject({
  subsystems: z.array(z.string().regex(SUBSYSTEM_NAME)).min(1).max(MAX_SUBSYSTEMS).nullable(),
  duplicateOf: title.nullable(),
  invalid: z.boolean(),
  fixCommit: title.nullable(),
  history: z
    .array(
      z.strictObject({
        kind: z.enum(["set-subsystems", "dup", "undup", "invalid", "fix"]),
        value: z.string().max(MAX_HISTORY_VALUE_LENGTH).nullable(),
        by: z.string().max(MAX_AUTHOR_FIELD_LENGTH),
        at: z.string().max(MAX_AUTHOR_FIELD_LENGTH),
      }),
    )
    .max(MAX_HISTORY),
});

export function encodeState(state: CommandState): string {
  return `${OPEN}${Buffer.from(JSON.stringify(state), "utf8").toString("base64url")}${CLOSE}`;
}

export function decodeState(commentBody: string): CommandState | null {
  const start = commentBody.indexOf(OPEN);
  if (start < 0 || commentBody.includes(OPEN, start + OPEN.length)) return null;
  const payloadStart = start + OPEN.length;
  const end = commentBody.indexOf(CLOSE, payloadStart);
  if (end < 0 || end - payloadStart > MAX_ENCODED_LENGTH) return null;
  const payload = commentBody.slice(payloadStart, end);
  if (!BASE64URL.test(payload)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = StateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
