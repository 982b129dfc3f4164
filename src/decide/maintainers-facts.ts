import { buildSubsystemList, loadBundledLinux, loadMaintainers, type MaintainersSources } from "../maintainers/index.js";
import type { MaintainersFacts } from "./facts.js";

/** The bundled Linux v7.1.2 snapshot: the default when the kernel tree has no MAINTAINERS, and the dry run's. */
export function bundledMaintainers(): MaintainersFacts {
  const bundled = loadBundledLinux();
  return { ...bundled, origin: "the bundled MAINTAINERS of Linux v7.1.2" };
}

/**
 * A MAINTAINERS someone gave (a repository's, a file on the command line), with the
 * subsystems syzbot would derive from it; the bundled tree's file list stands in for
 * the tree's own (GitHub will not list a whole kernel tree in one answer).
 */
export function maintainersFrom(sources: MaintainersSources, origin: string): MaintainersFacts {
  return { maintainers: loadMaintainers(sources), subsystems: buildSubsystemList(sources.maintainers, null), origin };
}
