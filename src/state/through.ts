/**
 * The id of the newest comment whose commands the app has handled, kept in its
 * own comment (`<!-- syztriage-through: 123 -->`). GitHub's comment ids grow,
 * so everything at or below it is done: a redelivery or a second instance runs
 * nothing twice and replies to nobody twice.
 */
const THROUGH = /^<!-- syztriage-through: (\d{1,15}) -->$/;

export function encodeThrough(id: number): string {
  return `<!-- syztriage-through: ${id} -->`;
}

/** Reads the one line that carries the mark; anything else reads as 0 (nothing handled). */
export function decodeThrough(line: string): number {
  const m = THROUGH.exec(line);
  return m ? Number(m[1]) : 0;
}
