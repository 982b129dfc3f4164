import { z } from "zod";
import { SUBSYSTEM_NAME } from "../commands/index.js";
import { DEFAULT_FETCH_HOSTS } from "../fetch/index.js";
import { DEFAULT_MAINTAINERS, maintainersLocation } from "./maintainers-location.js";

/**
 * `.github/syztriage.yml`: this schema validates the file, types the code and
 * documents the defaults (README's configuration reference follows it).
 * Every object is strict, so a misspelt key is an error, not a silent default.
 */
const LABEL_MAX = 50;
const labelName = z.string().trim().min(1).max(LABEL_MAX);
/** A GitHub login; apps comment as `<slug>[bot]`. */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
const login = z.string().regex(GITHUB_LOGIN, "must be a GitHub login");
const email = z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, "must be an email address");

export const Association = z.enum(["OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR", "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "NONE"]);
export type Association = z.infer<typeof Association>;

/** `owner/repo` on the same GitHub. */
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
/** A dashboard's address: https, a host name (no IP address, no localhost), nothing after it. */
const DASHBOARD = /^https:\/\/(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*(?::\d{1,5})?$/;

export const ConfigSchema = z.strictObject({
  kernel: z
    .strictObject({
      /** The kernel tree the project follows on GitHub (`torvalds/linux`): commits link there and are read from there; "" is this repository. */
      tree: z.union([z.literal(""), z.string().regex(REPOSITORY, "must be owner/repo")]).default(""),
    })
    .prefault({}),
  labels: z
    .strictObject({
      /** The label for subsystem X is prefix + X. */
      prefix: z.string().max(LABEL_MAX - 1).default("subsystem: "),
      /** Color of the labels the app creates. */
      color: z
        .string()
        .regex(/^#?[0-9a-fA-F]{6}$/, "must be a hex color like 1d76db")
        .transform((c) => c.replace(/^#/, "").toLowerCase())
        .default("1d76db"),
      /** Added to every triaged issue, e.g. ["syzbot"]. */
      extra: z.array(labelName).max(20).default([]),
      /** Added when the bisection verdict is unreliable; empty string disables. */
      unreliable: z.string().max(LABEL_MAX).default("bisection: unreliable"),
      /** Added when another open issue has the same crash title; empty string disables. */
      duplicate: z.string().max(LABEL_MAX).default(""),
      /** Added by `#syz invalid`. */
      invalid: labelName.default("invalid"),
      /** Added to an issue holding a crash report without a bisection, e.g. "syzkaller"; empty string disables. */
      crash: z.string().max(LABEL_MAX).default(""),
    })
    .prefault({}),
  subsystems: z
    .strictObject({
      /** Subsystem name -> path globs, matched against the culprit's files; they win over MAINTAINERS. */
      rules: z.record(z.string().regex(SUBSYSTEM_NAME, "subsystem names are letters, digits and . _ + -"), z.array(z.string().min(1)).min(1)).default({}),
      /** At most this many subsystem labels. */
      max: z.number().int().min(0).max(10).default(3),
      /**
       * The kernel-format MAINTAINERS: a path in the kernel tree (default: its MAINTAINERS, else the
       * bundled snapshot), `owner/repo@ref:path` elsewhere, `bundled` for the snapshot alone; "" disables.
       */
      maintainers: z
        .string()
        .max(200)
        .refine((v) => maintainersLocation(v) !== null, 'must be a path, "owner/repo@ref:path", "bundled" or ""')
        .default(DEFAULT_MAINTAINERS),
      /** `syzbot`: the names syzbot gives (derived from MAINTAINERS as its generator does); `maintainers`: a slug of each section's list. */
      naming: z.enum(["syzbot", "maintainers"]).default("syzbot"),
      /** Where subsystems come from: the files the culprit changed, the crash's guilty file. */
      from: z.array(z.enum(["culprit", "crash"])).max(2).default(["culprit", "crash"]),
    })
    .prefault({}),
  mentions: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Never more mentions than this in one comment. */
      max: z.number().int().min(0).max(50).default(10),
      /** Email -> GitHub login. */
      users: z.record(email, login).default({}),
      /** Resolve other emails: the culprit commit's author in this repository, then GitHub's user search. */
      lookup: z.boolean().default(true),
      /** Also mention the maintainers and reviewers MAINTAINERS names for the culprit's files (or a crash's guilty file). */
      maintainers: z.boolean().default(false),
      /** Mention the log's people only when the bisection verdict is reliable (default), always, or never. */
      when: z.enum(["reliable", "always", "never"]).default("reliable"),
      /** Only logs posted by people with one of these associations to the repository (or an allowed bot) mention anyone. */
      associations: z.array(Association).default(["OWNER", "MEMBER", "COLLABORATOR"]),
    })
    .prefault({}),
  fetch: z
    .strictObject({
      /** Read logs people attach or link instead of pasting. */
      enabled: z.boolean().default(true),
      /** Only https links to these hosts are fetched (redirects included). */
      // Names with a top-level domain only: no IP addresses, no localhost (the app must not be turned on internal hosts).
      hosts: z
        .array(z.string().regex(/^(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*(?::\d{1,5})?$/, "must be a public host name (no IP address, no localhost)"))
        .default([...DEFAULT_FETCH_HOSTS]),
      /** A longer log is cut at this many bytes (its head still parses). */
      maxBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(5 * 1024 * 1024),
      timeoutSeconds: z.number().min(1).max(60).default(10),
      /** At most this many links are fetched per event. */
      maxLinks: z.number().int().min(0).max(10).default(3),
    })
    .prefault({}),
  triage: z
    .strictObject({
      /** When non-empty, only text by these logins is triaged. */
      authors: z.array(login).default([]),
      /** Bot logins whose text is triaged (syzbot relays), e.g. ["syzbot-relay[bot]"]. */
      bots: z.array(login).default([]),
    })
    .prefault({}),
  mirror: z
    .strictObject({
      /** Open an issue for each of the dashboard's open bugs that the filters keep, and keep it in step. */
      enabled: z.boolean().default(false),
      /** The syzkaller dashboard; its host must be in fetch.hosts. */
      dashboard: z.string().regex(DASHBOARD, "must be https://<host name>, without a path").default("https://syzkaller.appspot.com"),
      /** The dashboard's namespace: its open bugs are at /<namespace>. */
      namespace: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be a dashboard namespace like upstream").default("upstream"),
      /** Only bugs the dashboard files under one of these subsystems (its names); [] keeps every bug. */
      subsystems: z.array(z.string().regex(SUBSYSTEM_NAME, "subsystem names are letters, digits and . _ + -")).max(20).default([]),
      /** Only bugs whose title matches one of these patterns (`*` is any text, case ignored); [] keeps every title. */
      titles: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
      /** Only bugs with a reproducer. */
      withRepro: z.boolean().default(false),
      /** How often the app looks at the dashboard. */
      intervalMinutes: z.number().int().min(15).max(7 * 24 * 60).default(60),
      /** At most this many issues are opened in one run; the other bugs wait for the next runs. */
      maxOpen: z.number().int().min(0).max(50).default(10),
    })
    .prefault({}),
})
  // The mirror reads the dashboard under the fetch rules, so they must allow it.
  .refine((c) => !c.mirror.enabled || !DASHBOARD.test(c.mirror.dashboard) || c.fetch.hosts.includes(c.mirror.dashboard.slice("https://".length)), {
    message: "the dashboard's host must be in fetch.hosts",
    path: ["mirror", "dashboard"],
  });

export type Config = z.infer<typeof ConfigSchema>;

export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});
