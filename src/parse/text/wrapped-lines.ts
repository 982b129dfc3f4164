import type { SourceLine } from "./source-lines.js";

/** A classifier's answer for a line whose value hard wrapping moved to the next line(s). */
export const WRAPPED = "wrapped" as const;
const MAX_JOINED_LINES = 10;

/**
 * Classifies lines[i]; when the classifier says the line was cut by hard
 * wrapping, joins the following lines of the same block (a bounded number)
 * until it recognizes the whole.
 */
export function classifyWrapped<T>(
  lines: SourceLine[],
  i: number,
  classify: (text: string) => T | typeof WRAPPED | null,
): { value: T | null; next: number } {
  const first = lines[i];
  if (!first) return { value: null, next: i + 1 };
  const value = classify(first.text);
  if (value !== WRAPPED) return { value, next: i + 1 };
  let text = first.text.trim();
  for (let j = i + 1; j < lines.length && j <= i + MAX_JOINED_LINES; j++) {
    const part = lines[j];
    if (!part || part.block !== first.block || part.text.trim() === "") break;
    text += " " + part.text.trim();
    const joined = classify(text);
    if (joined !== WRAPPED) return joined === null ? { value: null, next: i + 1 } : { value: joined, next: j + 1 };
  }
  return { value: null, next: i + 1 };
}
