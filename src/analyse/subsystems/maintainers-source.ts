import { type SectionMatch, subsystemName, subsystemsOf } from "../../maintainers/index.js";
import type { SubsystemSource } from "./source.js";

/** Subsystems from a kernel-format MAINTAINERS file, named the way syzbot names them. */
export function maintainersSource(maintainers: { match(path: string): readonly SectionMatch[] }): SubsystemSource {
  return {
    name: "MAINTAINERS",
    subsystemsFor(path) {
      const matches = maintainers.match(path);
      return { names: subsystemsOf(matches), catchAll: matches.every((m) => subsystemName(m.section).catchAll) };
    },
  };
}
