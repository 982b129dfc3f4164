import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { buildIndex, loadMaintainers, parseMaintainers, type PathMaintainers } from "../../src/maintainers/index.js";

const DIR = new URL("../fixtures/linux/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DIR), "utf8");

interface Expected {
  sections: [string, number][];
  maintainers: string[];
  reviewers: string[];
  lists: string[];
}

// get_maintainer.pl's answers, with the ten worked examples of maintainers.md §5 first.
const cases = (name: string) => Object.entries((JSON.parse(read(name)) as { paths: Record<string, Expected> }).paths);

function actual(report: PathMaintainers): Expected {
  return {
    sections: report.sections.map((match) => [match.section.name, match.score]),
    maintainers: report.people.map((person) => person.address),
    reviewers: report.people.filter((person) => person.role === "reviewer").map((person) => person.address),
    lists: report.lists.map((list) => list.address),
  };
}

describe.each([
  ["v7.1", "MAINTAINERS", "mailmap", "dirs.txt", "expected-v7.1.json"],
  ["v5.10", "MAINTAINERS-v5.10", "mailmap-v5.10", "dirs-v5.10.txt", "expected-v5.10.json"],
])("Linux %s", (_version, maintainersFile, mailmapFile, dirsFile, expectedFile) => {
  const withDirectories = loadMaintainers({ maintainers: read(maintainersFile), mailmap: read(mailmapFile), directories: read(dirsFile) });
  const withoutDirectories = loadMaintainers({ maintainers: read(maintainersFile), mailmap: read(mailmapFile) });

  test.each(cases(expectedFile))("%s", (path, expected) => {
    expect(actual(withDirectories.lookup(path))).toEqual(expected);
    expect(actual(withoutDirectories.lookup(path))).toEqual(expected);
  });

  test("every F:, X: and N: line is usable in JavaScript", () => {
    expect(withDirectories.index.unusableLines()).toEqual([]);
  });
});

describe("Linux v7.1 file facts", () => {
  const file = parseMaintainers(read("MAINTAINERS"));
  const count = (tag: string) => file.sections.reduce((sum, s) => sum + s.entries.filter((e) => e.tag === tag).length, 0);

  test("tag-line counts and sections are those of maintainers.md §2", () => {
    expect(["F", "M", "S", "L", "T", "R", "W", "Q", "N", "X", "B", "K", "C", "P"].map(count)).toEqual([
      9600, 4282, 3221, 3054, 841, 749, 565, 169, 105, 100, 70, 64, 53, 37,
    ]);
    expect(file.patterns.length).toBe(9600 + 100 + 105);
    expect(file.sections.at(-1)?.name).toBe("THE REST");
    expect(file.sections.at(-1)?.line).toBe(29489);
  });

  test("each matched section comes with its S: status, several joined", () => {
    const maintainers = loadMaintainers({ maintainers: read("MAINTAINERS"), directories: read("dirs.txt") });
    expect(maintainers.lookup("arch/powerpc/kvm/book3s.c").sections.map((s) => [s.section.name, s.status])).toEqual([
      ["KERNEL VIRTUAL MACHINE FOR POWERPC (KVM/powerpc)", "Maintained (Book3S 64-bit HV), Odd fixes (Book3S 64-bit PR), Orphan (Book3E and 32-bit)"],
      ["LINUX FOR POWERPC (32-BIT AND 64-BIT)", "Supported"],
      ["THE REST", "Buried alive in reporters"],
    ]);
  });

  test("without mailmap the INFINIBAND addresses are printed as written", () => {
    const plain = loadMaintainers({ maintainers: read("MAINTAINERS"), directories: read("dirs.txt") });
    expect(plain.lookup("drivers/infiniband/sw/rdmavt/mr.c").people.map((p) => p.address)).toEqual([
      "dennis.dalessandro@cornelisnetworks.com",
      "jgg@nvidia.com",
      "leonro@nvidia.com",
    ]);
  });

  test("several paths in one run: sections per path in turn, people and lists merged", () => {
    const maintainers = loadMaintainers({ maintainers: read("MAINTAINERS"), mailmap: read("mailmap"), directories: read("dirs.txt") });
    const run = maintainers.lookupAll(["block/blk-core.c", "fs/aio.c"]);
    expect(run.sections.map((s) => s.name)).toEqual(["BLOCK LAYER", "THE REST", "AIO", "FILESYSTEMS (VFS and infrastructure)"]);
    expect(run.people.map((p) => p.address)).toEqual(["axboe@kernel.dk", "bcrl@kvack.org", "viro@zeniv.linux.org.uk", "brauner@kernel.org", "jack@suse.cz"]);
    expect(run.lists.map((l) => l.address)).toEqual([
      "linux-block@vger.kernel.org",
      "linux-kernel@vger.kernel.org",
      "linux-aio@kvack.org",
      "linux-fsdevel@vger.kernel.org",
    ]);
  });

  test("paths are taken as get_maintainer.pl canonicalises them; a known directory gets its slash", () => {
    const maintainers = loadMaintainers({ maintainers: read("MAINTAINERS"), directories: read("dirs.txt") });
    expect(maintainers.match("./fs//./aio.c")).toEqual(maintainers.match("fs/aio.c"));
    expect(maintainers.match("drivers/infiniband").map((m) => [m.section.name, m.score])).toEqual([
      ["INFINIBAND SUBSYSTEM", 2],
      ["THE REST", -1],
    ]);
  });

  test("building once and matching directly gives the same sections as the loader", () => {
    const index = buildIndex(file, { isDirectory: () => false });
    expect(index.match("kernel/bpf/verifier.c").map((m) => m.section.name)).toEqual([
      "BPF [CORE]",
      "BPF [GENERAL] (Safe Dynamic Programs and Tools)",
      "THE REST",
    ]);
  });
});
