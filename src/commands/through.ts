/**
 * The id of the newest comment whose commands the app has handled, kept in its
 * own comment (`<!-- syztriage-through: 123 -->`). GitHub's comment ids grow,
 * so everything at or below it is done: a redelivery or a second instance runs
 * nothing twice and replies to nobody twice.
 */
const THROUGH = /<!-- syztriage-through: (\d{1,20}) -->/;

export function encodeThrough(id: number): string {
  return `<!-- syztriage-through: ${id} -->`;
}

export function decodeThrough(commentBody: string): number {
  const m = THROUGH.exec(commentBody);
  return m ? Number(m[1]) : 0;
}
