/** Where subsystem names for a path come from: the repository's own rules, MAINTAINERS, ... */
export interface SubsystemSource {
  readonly name: string;
  /** The subsystems owning `path`, or [] when this source has no opinion about it. */
  subsystemsFor(path: string): string[];
}
