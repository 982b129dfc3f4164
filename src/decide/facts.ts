import type { CommitFacts, FetchedLog } from "../analyse/reports.js";
import type { ReadText } from "../analyse/origin.js";
import type { IssueSummary } from "../analyse/duplicates.js";
import type { ConfigResult } from "../config/load.js";
import type { Maintainers, SubsystemList } from "../maintainers/index.js";

/** A comment of the issue, as far as commands and the app's own summary go. */
export interface CommentFacts {
  id: number;
  body: string;
  login: string;
  isBot: boolean;
  /** Written by this app. */
  own: boolean;
  createdAt: string;
}

/** A comment the event edited, with its text before: commands the edit added run, even in a comment handled before. */
export interface EditedComment {
  id: number;
  before: string;
}

/** The repository's MAINTAINERS, the subsystems syzbot would derive from it, and where it came from (for the comment). */
export interface MaintainersFacts {
  maintainers: Maintainers;
  /** Built only when `subsystems.naming` is syzbot's. */
  subsystems: SubsystemList | null;
  /** "MAINTAINERS of torvalds/linux@master", "the bundled MAINTAINERS of Linux v7.1.2". */
  origin: string;
}

/**
 * Everything the app knows when it decides: read from GitHub by the app
 * (github/gather.ts), from files and bundled data by the dry run. Nothing in
 * it is fetched lazily: decide() is a pure function of this value.
 */
export interface Facts {
  config: ConfigResult;
  issue: { number: number; title: string; labels: readonly string[] };
  /** The issue body and the comments the config lets the app act on, read. */
  texts: readonly ReadText[];
  /** Every comment of the issue, oldest first (the app's own included). */
  comments: readonly CommentFacts[];
  /** Logs fetched from links in the texts. */
  fetched: readonly FetchedLog[];
  /** Links that could not be read, and why. */
  unread: ReadonlyMap<string, string>;
  /** Links that were not read at all, and why ("over the limit of 3 links"). */
  skipped: readonly { url: string; reason: string }[];
  /** The comment this event edited, if any. */
  edited: EditedComment | null;
  /** Whether each login that wrote a new command may run it (write access). */
  permissions: ReadonlyMap<string, boolean>;
  /** Commits of the kernel tree the project follows, by the hash as the reports write it. */
  commits: ReadonlyMap<string, CommitFacts>;
  /** Email -> login from GitHub's user search (null: nobody, or several). */
  logins: ReadonlyMap<string, string | null>;
  maintainers: MaintainersFacts | null;
  /** This triage's duplicate search; null when it did not search (no titles, or the same titles as last time). */
  search: readonly IssueSummary[] | null;
  /** Who last added or took off each label in doubt (the issue's events); null when no label was in doubt. */
  labelHistory: ReadonlyMap<string, LabelEvent> | null;
}

/** The last time a label was added to or taken off the issue, and whether the app did it. */
export interface LabelEvent {
  action: "labeled" | "unlabeled";
  byApp: boolean;
}
