// Line regexps shared by the oops table and the frame extractor. They keep syzkaller's macro
// names ({{PC}}, {{FUNC}}, {{SRC}}) so the tables read like pkg/report/linux.go. Every regexp
// here is applied to one line of at most MAX_LINE characters, never to the whole text.

const MACROS: Readonly<Record<string, string>> = {
  "{{PC}}": String.raw`\[<?(?:0x)?[0-9a-f]+>?\]`,
  // A function name as printed in a frame: followed by "+0x.." or a ".isra.0"-style suffix.
  "{{FUNC}}": String.raw`([a-zA-Z0-9_]+)(?:\.|\+)`,
  "{{SRC}}": String.raw`([a-zA-Z0-9_/.-]+\.[a-z]+:[0-9]+)`,
};

/**
 * Compiles a line regexp, expanding the macros. A leading `.*` (syzkaller writes many) is
 * dropped: a search finds the rest anywhere anyway, and with it a line without a match
 * costs time quadratic in its length.
 */
export function rx(source: string): RegExp {
  const searched = source.startsWith(".*") ? source.slice(2) : source;
  return new RegExp(searched.replace(/\{\{[A-Z]+\}\}/g, (macro) => MACROS[macro] ?? macro));
}

/**
 * The faulting instruction line: x86 `RIP: 0010:func+0x1/0x2`, old `RIP: [<..>] func+..`,
 * ppc `NIP:`, arm64 `pc : func+..`, arm `PC is at func+..`. Inlined-only RIP lines
 * (`RIP: 0010:func file.c:1 [inline]`) deliberately do not match, so the next RIP line is used.
 */
export const RIP_FRAME = rx(
  String.raw`(?:IP|NIP|pc |PC is at):? (?:(?:[0-9]+:)?(?:{{PC}} +){0,2}{{FUNC}}|(?:[0-9]+:)?0x[0-9a-f]+|(?:[0-9]+:)?{{PC}} +\[< *\(null\)>\] +\(null\)|[0-9]+: +\(null\))`,
);

export const CALL_TRACE = /Call (?:T|t)race:|Backtrace:/;

/** Lines that start a stack trace; a trace being parsed ends at the next one. */
export const STACK_START: readonly RegExp[] = [
  /Call (?:T|t)race/,
  /Allocated:/,
  /Allocated by task [0-9]+:/,
  /Freed:/,
  /Freed by task [0-9]+:/,
  // "backtrace:" of kmemleak, but not lockdep's "stack backtrace:".
  /[^k] backtrace(?: \(crc [0-9a-fA-F]*\))?:/,
  /Backtrace:/,
  /Uninit was stored to memory at/,
];

/** Lines that are a frame; group 1 is the function (arm prints caller and callee). */
export const FRAME_LINE: readonly RegExp[] = [
  rx(String.raw`^ *(?:{{PC}} ){0,2}{{FUNC}}`),
  rx(String.raw`^ *{{PC}} \(([a-zA-Z0-9_.]+)\) from {{PC}} \({{FUNC}}`),
];

export function matchesAny(line: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((re) => re.test(line));
}
