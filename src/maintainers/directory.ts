/** Reads a directory list such as dirs.txt (`git ls-tree -r -d --name-only`): one path a line. */
export function parseDirectoryList(text: string): Set<string> {
  const directories = new Set<string>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line !== "") directories.add(line.endsWith("/") ? line.slice(0, -1) : line);
  }
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
 * Checked against dirs.txt (v7.1): of the 246 literal F:/X: values without a trailing slash,
 * the file-name rule alone calls 237 right (the misses are 7 scripts under scripts/,
 * tools/sound/dapm-graph and include/drm/drm, all files taken for directories); with the
 * path-based rules (below P/ → directory, equal to P → file) and this guess, matching
 * test/maintainers' path sample gives the same sections as with dirs.txt for every path
 * (see test/maintainers/directory.test.ts).
 */
export function extendsFileName(pattern: string, path: string): boolean {
  const name = pattern.slice(pattern.lastIndexOf("/") + 1);
  if (FILE_NAMES.has(name) || name.endsWith("defconfig") || pattern.startsWith("Documentation/ABI/")) return true;
  return path[pattern.length] !== ".";
}
