import { bundledLinuxData } from "./bundled-data.js";
import { loadMaintainers, type Maintainers } from "./load.js";
import { buildSubsystemList } from "./syzbot/build.js";
import type { SubsystemList } from "./syzbot/subsystem-list.js";
import { directoriesOf } from "./tree.js";

export interface BundledLinux {
  /** get_maintainer.pl's answers from the snapshot (its directories from the file list). */
  readonly maintainers: Maintainers;
  /** syzbot's subsystems derived from the snapshot. */
  readonly subsystems: SubsystemList;
}

let bundled: BundledLinux | undefined;

/**
 * Linux v7.1.2 as shipped in data/linux/, built on first use and kept for the process: the
 * default when a repository configures no MAINTAINERS, so a fresh install and the dry run
 * label Linux paths. About half a second the first time (npm run bench).
 */
export function loadBundledLinux(): BundledLinux {
  if (bundled === undefined) {
    const { maintainers, mailmap, tree } = bundledLinuxData();
    bundled = {
      maintainers: loadMaintainers({ maintainers, mailmap, directories: directoriesOf(tree) }),
      subsystems: buildSubsystemList(maintainers, tree),
    };
  }
  return bundled;
}
