import picomatch from "picomatch";
import type { SubsystemSource } from "./source.js";

/** `subsystems.rules` of the config: subsystem name -> path globs. */
export function rulesSource(rules: Record<string, string[]>): SubsystemSource {
  const matchers = Object.entries(rules).map(([name, globs]) => ({ name, match: picomatch(globs, { dot: true }) }));
  return {
    name: "rules",
    subsystemsFor: (path) => ({ names: matchers.filter((m) => m.match(path)).map((m) => m.name), catchAll: false }),
  };
}
