// The public face of the MAINTAINERS matcher: get_maintainer.pl's path lookup, syzbot's subsystems, the bundled Linux snapshot.
export { loadBundledLinux, type BundledLinux } from "./bundled.js";
export { parseDirectoryList } from "./directory.js";
export { parseMailmap, applyMailmap, type Mailmap } from "./mailmap.js";
export { buildIndex, type IndexOptions, type MaintainersIndex, type SectionMatch } from "./match.js";
export { parseMaintainers, valuesOf, type Entry, type MaintainersFile, type PatternLine, type Section } from "./parse.js";
export { collectRecipients, type MailingList, type Person, type Recipients, type Role } from "./people.js";
export { loadMaintainers, type Maintainers, type MaintainersSources, type PathMaintainers, type SectionReport } from "./load.js";
export { subsystemsOf } from "./rank.js";
export { emailToName, subsystemName, type SubsystemName } from "./subsystem-name.js";
export { buildSubsystemList } from "./syzbot/build.js";
export { type SubsystemList, type SyzbotSubsystem } from "./syzbot/subsystem-list.js";
export { DROPPED_PATTERN, NOT_SUBSYSTEM_LISTS } from "./syzbot/tables.js";
export { directoriesOf, parseFileList, type TreeData } from "./tree.js";
