import { createHash } from "node:crypto";
import { z } from "zod";
import { hiddenPayload, readHiddenPayload } from "../state/index.js";
import { MirrorFacts } from "./facts.js";

/**
 * The first line of a mirrored issue's body: `<!-- syztriage-mirror: <bug id> <base64url JSON> -->`,
 * the facts the body was written from and a digest of the rest of the body as the mirror wrote it.
 * The bug id stands in clear so that a marker whose JSON this version cannot read still says which
 * bug has an issue (no second issue for it). It is read only from issues the app itself opened.
 */
const OPEN = "<!-- syztriage-mirror: ";
const CLOSE = " -->";
const BUG_ID = /^[0-9a-f]{8,64}$/;

export const MirrorMarker = z.strictObject({
  facts: MirrorFacts,
  /** sha256 of the body below the marker as the mirror last wrote it: a different one means a person edited it. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type MirrorMarker = z.infer<typeof MirrorMarker>;

/** The body below the marker line. */
export function belowMarker(body: string): string {
  const newline = body.indexOf("\n");
  return newline < 0 ? "" : body.slice(newline + 1);
}

/** The digest of a body's text below its marker; line ends and trailing space do not count (GitHub's editor changes them). */
export function digestOf(text: string): string {
  return createHash("sha256").update(text.replace(/\r\n?/g, "\n").trimEnd()).digest("hex");
}

export function markerLine(marker: MirrorMarker): string {
  return `${OPEN}${marker.facts.id} ${hiddenPayload(marker)}${CLOSE}`;
}

/** A body: the marker of `facts` over `text`, the digest taken of `text`. */
export function markedBody(facts: MirrorFacts, text: string): string {
  return `${markerLine({ facts, digest: digestOf(text) })}\n${text}`;
}

/**
 * What a body's first line says: null when it is no mirror marker; the bug id, with the marker or
 * null when its JSON cannot be read (another version's, or damaged by an edit).
 */
export function readMarker(body: string): { id: string; marker: MirrorMarker | null } | null {
  const newline = body.indexOf("\n");
  const first = (newline < 0 ? body : body.slice(0, newline)).replace(/\r$/, "");
  if (!first.startsWith(OPEN) || !first.endsWith(CLOSE)) return null;
  const [id = "", payload = ""] = first.slice(OPEN.length, first.length - CLOSE.length).split(" ");
  if (!BUG_ID.test(id)) return null;
  const marker = readHiddenPayload(payload, MirrorMarker);
  return { id, marker: marker?.facts.id === id ? marker : null };
}
