import { z } from "zod";

/**
 * The syzkaller dashboard's public JSON (`?json=1`), as syzkaller's dashboard/api/api.go defines it
 * and dashboard/app/public_json_api.go fills it (google/syzkaller at 1e72964b0111). The package
 * promises backward compatibility, so objects are not strict: fields the dashboard adds later pass.
 * Go writes empty `omitempty` fields not at all and a nil slice without it as null.
 */
const DASHBOARD_API_VERSION = 1;

export const DashboardCommit = z.object({
  title: z.string(),
  link: z.string().optional(),
  hash: z.string().optional(),
  repo: z.string().optional(),
  branch: z.string().optional(),
  author: z.string().optional(),
  "author-name": z.string().optional(),
  date: z.string().optional(),
});
export type DashboardCommit = z.infer<typeof DashboardCommit>;

export const DashboardCrash = z.object({
  title: z.string(),
  "syz-reproducer": z.string().optional(),
  "c-reproducer": z.string().optional(),
  "repro-opts": z.string().optional(),
  "kernel-config": z.string().optional(),
  "kernel-source-git": z.string().optional(),
  "kernel-source-commit": z.string().optional(),
  "syzkaller-git": z.string().optional(),
  "syzkaller-commit": z.string().optional(),
  "compiler-description": z.string().optional(),
  architecture: z.string().optional(),
  "crash-report-link": z.string().optional(),
});
export type DashboardCrash = z.infer<typeof DashboardCrash>;

/** One bug's page: `/bug?extid=<id>&json=1` or `/bug?id=<id>&json=1`. */
export const DashboardBug = z.object({
  version: z.literal(DASHBOARD_API_VERSION),
  title: z.string().default(""),
  /** The bug's own id (a hash), the same whichever reporting stage's extid links it. */
  id: z.string().regex(/^[0-9a-f]{8,64}$/),
  /** "reporting1: reported C repro on 2000/01/31 00:00", "fixed on ...", "closed as dup on ...". */
  status: z.string(),
  "first-crash": z.string(),
  "last-crash": z.string(),
  "fix-time": z.string().optional(),
  "close-time": z.string().optional(),
  "fix-commits": z.array(DashboardCommit).optional(),
  "cause-commit": DashboardCommit.optional(),
  discussions: z.array(z.string()).optional(),
  crashes: z.array(DashboardCrash).optional(),
});
export type DashboardBug = z.infer<typeof DashboardBug>;

export const DashboardBugSummary = z.object({
  title: z.string().default(""),
  link: z.string(),
  "last-updated": z.string().optional(),
  "fix-commits": z.array(DashboardCommit).optional(),
});
export type DashboardBugSummary = z.infer<typeof DashboardBugSummary>;

/** A list of bugs: `/<namespace>?json=1` (open bugs without a fix yet), `/<namespace>/fixed?json=1`. */
export const DashboardBugGroup = z.object({
  version: z.literal(DASHBOARD_API_VERSION),
  // No JSON tag on this field in api.go: Go writes the field's own name.
  Bugs: z.array(DashboardBugSummary).nullable(),
});
export type DashboardBugGroup = z.infer<typeof DashboardBugGroup>;

/** How syzbot closed a bug (dashboard/app/main.go, closedBugStatus); an open bug has none of these. */
export const Closure = z.enum(["fixed", "invalid", "dup", "obsoleted"]);
export type Closure = z.infer<typeof Closure>;

// "<status> on <time>", with "auto-" before the statuses syzbot sets by itself.
const CLOSED_STATUSES: Record<string, Closure> = {
  fixed: "fixed",
  "closed as invalid": "invalid",
  "closed as dup": "dup",
  "obsoleted due to no activity": "obsoleted",
};
const CLOSED_STATUS = /^(?:auto-)?(fixed|closed as invalid|closed as dup|obsoleted due to no activity) on /;

export function closureOf(status: string): Closure | null {
  const m = CLOSED_STATUS.exec(status);
  return m ? (CLOSED_STATUSES[m[1] as string] ?? null) : null;
}
