/**
 * Reads a directory list such as dirs.txt (`git ls-tree -r -d --name-only`): one path a line,
 * CRLF and trailing slashes allowed. Native string operations only, as the CLI reads the
 * 6,000 lines on every run.
 */
export function parseDirectoryList(text: string): Set<string> {
  const directories = new Set((text + "\n").replaceAll("\r", "").replaceAll("/\n", "\n").split("\n"));
  directories.delete("");
  return directories;
}

// Extensionless names that are files in the kernel tree, not directories.
const FILE_NAMES = new Set(["Makefile", "Kconfig", "Kbuild", "COPYING", "CREDITS", "MAINTAINERS", "README"]);

/**
 * The one case the path cannot settle without a directory list: a literal pattern P and a
 * path in the same directory that starts with P and goes on (`include/drm/drm` and
 * `include/drm/drm_gem.h`). If P is a file name prefix the path matches; if P is a directory
 * it does not. Guess: P is a file when its name is a known extensionless file (Kconfig,
 * Makefile, *defconfig, ABI entries under Documentation/ABI/), or when the path does not go on
 * with `.` — a directory `bitops` sits next to `bitops.h`, while file prefixes continue with
 * `_` or `-` (`drm_gem.h`, `sysfs-pps-gen`).
 *
 * Checked against dirs.txt (v7.1): of the 246 plain F:/X: values without a trailing slash,
 * the file-name rule alone (everything else a directory) calls 237 right; the misses are
 * 7 scripts under scripts/, tools/sound/dapm-graph and include/drm/drm. With the path-based
 * rules of FilePattern (below P/: a directory; P itself: a file) and this guess, 19,700+ paths (every literal F:/X: file, every
 * wildcard filled in, two files in every directory) get the same sections as with dirs.txt,
 * except two made-up ones: Documentation/arch/arch.c and include/drm/drm.c
 * (test/maintainers/directory.test.ts).
 */
export function extendsFileName(pattern: string, path: string): boolean {
  const name = pattern.slice(pattern.lastIndexOf("/") + 1);
  if (FILE_NAMES.has(name) || name.endsWith("defconfig") || pattern.startsWith("Documentation/ABI/")) return true;
  return path[pattern.length] !== ".";
}
