import { maintainersLocation } from "../config/maintainers-location.js";
import type { Config } from "../config/schema.js";
import type { MaintainersFacts } from "../decide/facts.js";
import { bundledMaintainers } from "../decide/maintainers-facts.js";

/** The MAINTAINERS the dry run uses without --maintainers: it reads no repository, so anything but "" means the bundled snapshot. */
export function dryRunMaintainers(config: Config): MaintainersFacts | null {
  return maintainersLocation(config.subsystems.maintainers)?.kind === "none" ? null : bundledMaintainers();
}
