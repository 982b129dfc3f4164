import { maintainersSource } from "../analyse/subsystems/maintainers-source.js";
import { rulesSource } from "../analyse/subsystems/rules-source.js";
import type { SubsystemSource } from "../analyse/subsystems/source.js";
import type { Config } from "../config/schema.js";
import type { MaintainersFacts } from "./facts.js";

/** Where subsystem names come from, first opinion winning: the repository's own rules, then MAINTAINERS. */
export function subsystemSources(config: Config, maintainers: MaintainersFacts | null): SubsystemSource[] {
  const sources = [rulesSource(config.subsystems.rules)];
  if (maintainers) sources.push(maintainersSource(maintainers.maintainers));
  return sources;
}
