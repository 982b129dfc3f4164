// The guilty file of a report (syzkaller's extractGuiltyFile): the first source file named in
// the report that is not infrastructure, refined to a deeper file in the same directory tree.

import { GUILTY_FILE_IGNORES, GUILTY_LINE_IGNORE } from "./skip.js";
import { cleanPath, dirName, firstSourceRef, type SourceRef } from "./srcref.js";

export interface GuiltyFile {
  file: string;
  /** The function on the line that named the file, when there is one. */
  func: string | null;
}

/** A path below a directory by at least one more directory level ("/wireless/ath/hif.c"). */
const DEEPER = /^\/[a-zA-Z0-9_\-./]+\/[a-zA-Z0-9_-]+\.(c|h)$/;

/**
 * rcu stalls are caught in the timer interrupt; what ran before it is the stalled code, and the
 * interrupt path above it would need too many ignores. So the search starts at the interrupt.
 */
const RCU_STALL_TITLE = "INFO: rcu detected stall";
const INTERRUPT_ENTRIES = ["apic_timer_interrupt+0x", "el1h_64_irq+0x", "Exception stack"];

/**
 * Older kernels printed paths from the build root (`/kernel/locking/lockdep.c`); the ignore list
 * and the subsystem matchers want them relative to the tree.
 */
function treePath(path: string): string {
  return cleanPath(path.replace(/^\/+/, ""));
}

/** Whether a file reference does not count; paths repeat a lot, so answers are remembered. */
function ignoreChecker(): (ref: SourceRef, line: string) => boolean {
  const paths = new Map<string, boolean>();
  return (ref, line) => {
    let path = paths.get(ref.path);
    if (path === undefined) {
      const relative = treePath(ref.path);
      path = GUILTY_FILE_IGNORES.some((re) => re.test(relative));
      paths.set(ref.path, path);
    }
    return path || GUILTY_LINE_IGNORE.test(line);
  };
}

const SYMBOL = /^(?:\[<?(?:0x)?[0-9a-f]+>?\])?(?:[0-9]+:)?([A-Za-z_][A-Za-z0-9_]*)(?:[.+][^\s]*)?$/;

/**
 * The function printed next to a file reference: the word before it (`func+0x1/0x2 file.c:1`,
 * `RIP: 0010:func+0x..`, `func file.c:1 [inline]`), or after it in `WARNING: ... at file.c:1 func+0x..`.
 */
function functionAt(line: string, ref: SourceRef): string | null {
  const before = line.slice(0, ref.index).trimEnd();
  const word = before.slice(before.lastIndexOf(" ") + 1);
  if (word === "at") {
    const after = line.slice(ref.index).split(" ")[1] ?? "";
    return SYMBOL.exec(after)?.[1] ?? null;
  }
  return SYMBOL.exec(word)?.[1] ?? null;
}

function search(lines: readonly string[]): GuiltyFile | null {
  const ignored = ignoreChecker();
  let guilty: GuiltyFile | null = null;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const ref = firstSourceRef(line);
    if (!ref) continue;
    // When everything is ignored the first file is still better than mailing nobody.
    guilty ??= { file: treePath(ref.path), func: functionAt(line, ref) };
    if (ignored(ref, line)) continue;
    guilty = { file: treePath(ref.path), func: functionAt(line, ref) };
    i++;
    break;
  }
  if (!guilty) return null;
  // A later frame deeper in the same tree is more specific (drivers/net/foo.c called from
  // drivers/net/wireless/ath/...), so it wins.
  let dir = dirName(guilty.file);
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const ref = firstSourceRef(line);
    if (!ref || ignored(ref, line)) continue;
    const file = treePath(ref.path);
    if (file.startsWith(dir) && DEEPER.test(file.slice(dir.length))) {
      guilty = { file, func: functionAt(line, ref) };
      dir = dirName(file);
    }
  }
  return guilty;
}

/** The guilty file of a report whose lines start at the oops line. */
export function guiltyFile(lines: readonly string[], title: string): GuiltyFile | null {
  if (title.startsWith(RCU_STALL_TITLE)) {
    for (const entry of INTERRUPT_ENTRIES) {
      const at = lines.findIndex((line) => line.includes(entry));
      if (at === -1) continue;
      const first = lines[at] ?? "";
      const found = search([first.slice(first.indexOf(entry)), ...lines.slice(at + 1)]);
      if (found) return found;
    }
  }
  return search(lines);
}
