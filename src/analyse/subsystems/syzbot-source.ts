import { DROPPED_PATTERN, type SubsystemList } from "../../maintainers/index.js";
import type { SubsystemSource } from "./source.js";

/**
 * Subsystems as syzbot names them: the set its list gives the path (every owner that is not
 * another owner's ancestor). syzbot drops MAINTAINERS patterns under Documentation/,
 * scripts/, samples/, tools/ and Makefiles on purpose, because crashes never point there; a
 * culprit can, so there the patterns are put back (tools/testing/selftests/bpf/ is bpf, not
 * syzbot's kernel). Where even they name no more than `kernel` (a section without a list
 * of its own, like the selftest framework's), this source has no opinion and the next one,
 * MAINTAINERS' own answer (maintainersSource), decides.
 */
export function syzbotSource(list: SubsystemList): SubsystemSource {
  return {
    name: "syzbot",
    subsystemsFor(path) {
      const dropped = DROPPED_PATTERN.test(path);
      const names = dropped ? list.matchWithDropped(path) : list.match(path);
      const catchAll = names.every((name) => list.isCatchAll(name));
      return dropped && catchAll ? { names: [], catchAll: false } : { names, catchAll };
    },
    ancestors: (name) => list.ancestors(name),
  };
}
