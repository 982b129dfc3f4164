// Perl's \s as get_maintainer.pl sees it on bytes: space, \t, \n, \v, \f, \r.
export function isPerlSpace(char: string | undefined): boolean {
  return char === " " || char === "\t" || char === "\n" || char === "\v" || char === "\f" || char === "\r";
}

/** `s/^\s+|\s+$//g` without a regex (a `\s+$` regex is quadratic on long runs of spaces). */
export function trimPerlSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPerlSpace(text[start])) start++;
  while (end > start && isPerlSpace(text[end - 1])) end--;
  return text.slice(start, end);
}
