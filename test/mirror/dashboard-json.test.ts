import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { closureOf, DashboardBug, DashboardBugGroup } from "../../src/mirror/dashboard-api.js";
import { factsOf } from "../../src/mirror/facts.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { bugJson, type FakeBug, groupJson } from "./fake-dashboard.js";

/** syzkaller's own expectations of its JSON (test/fixtures/mirror/syzkaller-json, from public_json_api_test.go). */
function sample(name: string): string {
  return readFileSync(`${FIXTURES}mirror/syzkaller-json/${name}`, "utf8").trimEnd();
}

const CRASH = { title: "title1", config: "a989f27ebc47e2dc", tree: "repo1", commit: "1111111111111111111111111111111111111111", syzkallerCommit: "syzkaller_commit1" };

// The bugs of syzkaller's tests, as facts the fake dashboard writes out.
const SYZKALLER_BUGS: [string, FakeBug][] = [
  ["bug-crash.json", { id: "cb1dbe55dc6daa7e739a0d09a0ae4d5e3e5a10c8", extid: null, title: "title1", status: "reporting1: reported on 2000/01/01 00:01", firstCrash: "2000-01-01T00:01:00Z", lastCrash: "2000-01-01T00:01:00Z", subsystems: [], crashes: [{ ...CRASH, report: "12000000000000" }] }],
  [
    "bug-crash-repro.json",
    {
      id: "fc00fbc0cddd9a4ef2ae33e40cd21636081466ce",
      extid: null,
      title: "title2",
      status: "reporting1: reported C repro on 2000/01/01 00:01",
      firstCrash: "2000-01-01T00:01:00Z",
      lastCrash: "2000-01-01T00:01:00Z",
      subsystems: [],
      crashes: [{ ...CRASH, title: "title2", syz: "13000000000000", c: "17000000000000", reproOpts: "repro opts 2", report: "15000000000000" }],
    },
  ],
  [
    "bug-fix-commits.json",
    {
      id: "cb1dbe55dc6daa7e739a0d09a0ae4d5e3e5a10c8",
      extid: null,
      title: "title1",
      status: "reporting1: reported on 2000/01/01 00:00",
      firstCrash: "2000-01-01T00:00:00Z",
      lastCrash: "2000-01-01T00:00:00Z",
      fixTime: "2000-01-01T01:00:00Z",
      subsystems: [],
      fixes: [
        { title: "foo: fix1", hash: "hash1", repo: "git://syzkaller.org", branch: "branch10", author: "aidan@black.com", "author-name": "Aidan Black", date: "2026-02-24T12:00:00Z" },
        { title: "foo: fix2", repo: "git://syzkaller.org", branch: "branch10" },
      ],
      crashes: [{ ...CRASH, report: "12000000000000" }],
    },
  ],
  [
    "bug-cause-bisection.json",
    {
      id: "70ce63ecb151d563976728208edccc6879191f9f",
      extid: null,
      title: "title1",
      status: "reporting2: reported C repro on 2000/01/31 00:00",
      firstCrash: "2000-01-01T00:00:00Z",
      lastCrash: "2000-01-01T00:00:00Z",
      subsystems: [],
      cause: { title: "kernel: add a bug", hash: "36e65cb4a0448942ec316b24d60446bbd5cc7827", repo: "repo1", branch: "branch1", date: "2000-02-09T04:05:06Z", log: "0" },
      crashes: [{ ...CRASH, syz: "16000000000000", c: "11000000000000", reproOpts: "repro opts 1", config: "4d11162a90e18f28", report: "12000000000000" }],
    },
  ],
];

test.each(SYZKALLER_BUGS)("the fake dashboard writes %s byte for byte as syzkaller's test expects", (file, bug) => {
  expect(bugJson(bug)).toBe(sample(file));
});

test("the fake dashboard writes the open list as syzkaller's test expects", () => {
  const bugs = [
    { ...SYZKALLER_BUGS[0]![1], extid: "decf42d66dced481afc1" },
    { ...SYZKALLER_BUGS[1]![1], extid: "0267d1c87b9ed4eb5def" },
  ];
  expect(groupJson(bugs)).toBe(sample("open-bugs.json"));
  expect(groupJson([])).toBe('{\n\t"version": 1,\n\t"Bugs": null\n}');
});

test("the mirror reads every sample of syzkaller's tests", () => {
  for (const [file] of SYZKALLER_BUGS) expect(DashboardBug.safeParse(JSON.parse(sample(file))).success, file).toBe(true);
  for (const file of ["open-bugs.json", "fixed-bugs.json"]) expect(DashboardBugGroup.safeParse(JSON.parse(sample(file))).success, file).toBe(true);
  expect(DashboardBugGroup.parse(JSON.parse('{"version": 1, "Bugs": null}')).Bugs).toBeNull();
});

test("a bug's facts, from syzkaller's cause bisection sample: its crash's texts, the cause, no fix", () => {
  const bug = DashboardBug.parse(JSON.parse(sample("bug-cause-bisection.json")));
  expect(factsOf(bug, "/bug?id=70ce63ecb151d563976728208edccc6879191f9f", null)).toEqual({
    id: "70ce63ecb151d563976728208edccc6879191f9f",
    link: "/bug?id=70ce63ecb151d563976728208edccc6879191f9f",
    crash: { report: "12000000000000", syz: "16000000000000", c: "11000000000000", config: "4d11162a90e18f28", tree: "repo1", commit: "1111111111111111111111111111111111111111", compiler: null },
    cause: { title: "kernel: add a bug", hash: "36e65cb4a0448942ec316b24d60446bbd5cc7827", link: null },
    fixes: [],
    closed: null,
  });
  const fixed = DashboardBug.parse(JSON.parse(sample("bug-fix-commits.json")));
  expect(factsOf(fixed, "/bug?id=cb1dbe55dc6daa7e739a0d09a0ae4d5e3e5a10c8", null).fixes).toEqual([
    { title: "foo: fix1", hash: "hash1", link: null },
    { title: "foo: fix2", hash: null, link: null },
  ]);
});

test("the crash shown stays until one with a better reproducer comes", () => {
  const base = DashboardBug.parse(JSON.parse(sample("bug-crash.json")));
  const shown = factsOf(base, "/bug?id=cb1dbe55dc6daa7e739a0d09a0ae4d5e3e5a10c8", null);
  const newer = { ...base, crashes: [{ ...base.crashes![0]!, "crash-report-link": "/text?tag=CrashReport&x=19000000000000" }, ...base.crashes!] };
  expect(factsOf(newer, shown.link, shown).crash).toEqual(shown.crash);
  const repro = DashboardBug.parse(JSON.parse(sample("bug-crash-repro.json")));
  const withRepro = { ...base, crashes: [...repro.crashes!, ...base.crashes!] };
  expect(factsOf(withRepro, shown.link, shown).crash).toMatchObject({ c: "17000000000000", syz: "13000000000000", report: "15000000000000" });
});

test.each([
  ["reporting1: reported C repro on 2000/01/31 00:00", null],
  ["fixed on 2023/01/02 10:00", "fixed"],
  ["closed as invalid on 2023/01/02 10:00", "invalid"],
  ["auto-closed as invalid on 2023/01/02 10:00", "invalid"],
  ["closed as dup on 2023/01/02 10:00", "dup"],
  ["auto-obsoleted due to no activity on 2023/01/02 10:00", "obsoleted"],
  ["obsoleted due to no activity on 2023/01/02 10:00", "obsoleted"],
  ["unknown (1003) on 2023/01/02 10:00", null],
  ["fixed", null],
])("status %j is closure %j (main.go, closedBugStatus)", (status, closure) => {
  expect(closureOf(status)).toBe(closure);
});
