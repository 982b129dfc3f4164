/** Where subsystem names for a path come from: the repository's own rules, MAINTAINERS, ... */
export interface SubsystemSource {
  readonly name: string;
  /**
   * The subsystems owning `path` ([] when this source has no opinion). `catchAll`
   * when only catch-all owners claim it (THE REST, lkml-only sections): such
   * names count only when nothing more specific owns any file of the change.
   */
  subsystemsFor(path: string): { names: string[]; catchAll: boolean };
}
