import { maintainersSource } from "../analyse/subsystems/maintainers-source.js";
import { rulesSource } from "../analyse/subsystems/rules-source.js";
import type { SubsystemSource } from "../analyse/subsystems/source.js";
import { syzbotSource } from "../analyse/subsystems/syzbot-source.js";
import type { Config } from "../config/schema.js";
import type { MaintainersFacts } from "./facts.js";

/**
 * Where subsystem names come from, first opinion winning: the repository's own
 * rules, then syzbot's names for the MAINTAINERS (`subsystems.naming: syzbot`),
 * then MAINTAINERS' own sections (paths syzbot leaves to them, and non-Linux trees).
 */
export function subsystemSources(config: Config, maintainers: MaintainersFacts | null): SubsystemSource[] {
  const sources = [rulesSource(config.subsystems.rules)];
  if (maintainers?.subsystems && config.subsystems.naming === "syzbot") sources.push(syzbotSource(maintainers.subsystems));
  if (maintainers) sources.push(maintainersSource(maintainers.maintainers));
  return sources;
}
