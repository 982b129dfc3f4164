import { DROPPED_PATTERN, type SubsystemList } from "../../maintainers/index.js";
import type { SubsystemSource } from "./source.js";

/**
 * Subsystems as syzbot names them: the set its list gives the path (every owner that is not
 * another owner's ancestor). syzbot drops MAINTAINERS patterns under Documentation/,
 * scripts/, samples/, tools/ and Makefiles on purpose, because crashes never point there;
 * a culprit can, so for those paths this source has no opinion and the next source
 * (MAINTAINERS' own answer, maintainersSource) decides.
 */
export function syzbotSource(list: SubsystemList): SubsystemSource {
  return {
    name: "syzbot",
    subsystemsFor(path) {
      if (DROPPED_PATTERN.test(path)) return { names: [], catchAll: false };
      const names = list.match(path);
      return { names, catchAll: names.every((name) => list.isCatchAll(name)) };
    },
    ancestors: (name) => list.ancestors(name),
  };
}
