// Which changed files can alter the kernel that syzbot built and ran. A culprit that changes
// none of them cannot have introduced the crash: in the study every such culprit was wrong.
import type { DiffstatEntry } from "../../parse/schema.js";

/** What a changed path is to the tested kernel. */
export type PathKind =
  /** Not part of the kernel build: documentation, user-space tools, repository metadata. */
  | "outside"
  /** Code of an architecture other than the one the crash happened on. */
  | "other-arch"
  /** Kconfig, Makefile, Kbuild: decide what is built, not how the code behaves. */
  | "build-config"
  /** Anything else, and every path whose place in the tree git did not print. */
  | "code";

/** Top-level directories outside the kernel image (syzbot builds with its own .config, so defconfigs are outside too). */
const OUTSIDE_PREFIXES = ["Documentation/", "tools/", "samples/", "LICENSES/"];
/** Files anywhere in the tree that are never compiled. */
const OUTSIDE_NAMES = /^(?:MAINTAINERS|CREDITS|README|COPYING|\.mailmap|\.gitignore|\.clang-format|\.cocciconfig|\.get_maintainer\.ignore|[\w.-]*defconfig)$/;
const OUTSIDE_EXTENSIONS = /\.(?:rst|txt|md|yaml)$/;
const BUILD_CONFIG_NAMES = /^(?:Kconfig|Makefile|Kbuild)(?:\.[\w.-]+)?$/;
const ARCH = /^arch\/([^/]+)\//;

/** The architecture syzbot ran the kernel on when the crash shows none: every bisection in the study ran on x86. */
const DEFAULT_ARCH = "x86";

/** The architecture the crash happened on: the first arch/<name>/ file in its stack. */
export function crashArch(stackFiles: readonly string[]): string {
  for (const file of stackFiles) {
    const arch = ARCH.exec(file)?.[1];
    if (arch) return arch;
  }
  return DEFAULT_ARCH;
}

export function classifyPath(entry: DiffstatEntry, arch: string): PathKind {
  const path = entry.path;
  const name = path.slice(path.lastIndexOf("/") + 1);
  // ".../tail": only the file name and extension are known.
  if (entry.abbreviated) {
    if (OUTSIDE_EXTENSIONS.test(name) || OUTSIDE_NAMES.test(name)) return "outside";
    return BUILD_CONFIG_NAMES.test(name) ? "build-config" : "code";
  }
  if (OUTSIDE_PREFIXES.some((prefix) => path.startsWith(prefix))) return "outside";
  // A raw `:040000` entry names only a top-level directory such as arch/.
  if (entry.directory) return "code";
  const pathArch = ARCH.exec(path)?.[1];
  if (pathArch !== undefined && pathArch !== arch) return "other-arch";
  if (OUTSIDE_NAMES.test(name) || OUTSIDE_EXTENSIONS.test(name) || path.includes("/configs/")) return "outside";
  return BUILD_CONFIG_NAMES.test(name) ? "build-config" : "code";
}
