/**
 * `mirror.titles`: a pattern is text where `*` stands for any text, matched against the whole title
 * with case ignored. Matching finds each literal piece in turn, at its leftmost place (always a right
 * choice when `*` is the only wildcard): no pattern can make it backtrack, unlike a regular expression
 * from a repository's config run on the app's server.
 */
export function titleMatches(pattern: string, title: string): boolean {
  const pieces = pattern.toLowerCase().split("*");
  const text = title.toLowerCase();
  const first = pieces[0] as string;
  if (pieces.length === 1) return text === first;
  const last = pieces[pieces.length - 1] as string;
  if (!text.startsWith(first) || !text.endsWith(last) || first.length + last.length > text.length) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
