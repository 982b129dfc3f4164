import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FakeRepo, World } from "../fake-github/world.js";

/** Real syzbot logs (test/fixtures/logs/, each with its source in the fixtures' README). */
export const LOGS = fileURLToPath(new URL("../../../test/fixtures/logs/", import.meta.url));
export const SEED_LOG = readFileSync(`${LOGS}seed-2020-culprit.txt`, "utf8");

/** Every real log of the fixtures, by file name, the seed first. */
export function fixtureLogs(): { name: string; text: string }[] {
  const names = readdirSync(LOGS).filter((f) => f.endsWith(".txt")).sort();
  return [...names.filter((n) => n.startsWith("seed")), ...names.filter((n) => !n.startsWith("seed"))].map((name) => ({ name, text: readFileSync(`${LOGS}${name}`, "utf8") }));
}

/** The title syzbot gives the seed's bug, as an issue would carry it. */
export const SEED_TITLE = "BUG: unable to handle kernel NULL pointer dereference in __percpu_ref_exit";

/**
 * What GitHub knows about the seed's people and culprit in a kernel fork: the culprit commit
 * (as `git show --stat` of 2b0d3d3e4fcf lists it, its author's account linked), and the public
 * emails of the recipients who have one (the logins of test/app/triage.test.ts).
 */
export function knowSeed(world: World, repo: FakeRepo): void {
  repo.commits.set("2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e", {
    sha: "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e",
    message: "percpu_ref: reduce memory footprint of percpu_ref in fast path\n\nSigned-off-by: Ming Lei <ming.lei@redhat.com>\nSigned-off-by: Jens Axboe <axboe@kernel.dk>\n",
    author: { name: "Ming Lei", email: "ming.lei@redhat.com", date: "2020-09-25T01:14:52Z" },
    login: "ming-lei",
    files: [
      { filename: "drivers/infiniband/sw/rdmavt/mr.c", changes: 2 },
      { filename: "include/linux/percpu-refcount.h", changes: 52 },
      { filename: "lib/percpu-refcount.c", changes: 131 },
    ],
  });
  for (const [email, login] of [
    ["axboe@kernel.dk", "axboe"],
    ["hch@lst.de", "hch"],
    ["tj@kernel.org", "htejun"],
  ] as const)
    world.emails.set(email, login);
}

/** `count` installations (1..count), each with one kernel fork `org-<n>/linux` holding these files. */
export function kernelForks(world: World, count: number, files: Record<string, string> = {}): FakeRepo[] {
  return Array.from({ length: count }, (_, i) => world.addRepo(i + 1, `org-${i + 1}`, "linux", files));
}
