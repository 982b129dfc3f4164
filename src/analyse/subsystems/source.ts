/** Where subsystem names for a path come from: the repository's own rules, MAINTAINERS, ... */
export interface SubsystemSource {
  readonly name: string;
  /**
   * The subsystems owning `path` ([] when this source has no opinion, so the next source
   * decides). `catchAll` when only catch-all owners claim it (THE REST, lkml-only sections,
   * syzbot's `kernel`): such names count only when nothing more specific owns any file of
   * the change.
   */
  subsystemsFor(path: string): { names: string[]; catchAll: boolean };
  /** The names a name's subsystem lies within (syzbot's parents, transitively); none when absent. */
  ancestors?(name: string): string[];
}
