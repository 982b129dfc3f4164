import { describe, expect, test } from "vitest";
import { maintainersSource } from "../../src/analyse/subsystems/maintainers-source.js";
import { rankSubsystems, significantSubsystems } from "../../src/analyse/subsystems/rank.js";
import { buildIndex, emailToName, parseMaintainers, subsystemName, subsystemsOf } from "../../src/maintainers/index.js";
import { slugOf } from "../../src/maintainers/subsystem-name.js";

describe("emailToName (syzkaller's names.go)", () => {
  test.each([
    ["linux-block@vger.kernel.org", "block"],
    ["linux-fsdevel@vger.kernel.org", "fs"],
    ["netdev@vger.kernel.org", "net"],
    ["linux-mm@kvack.org", "mm"],
    ["linux-rdma@vger.kernel.org", "rdma"],
    ["dri-devel@lists.freedesktop.org", "dri"],
    ["io-uring@vger.kernel.org", "io-uring"],
    ["intel-gfx@lists.freedesktop.org", "intel-gfx"],
    ["linux-arm-kernel@lists.infradead.org", "arm"],
    ["linux-kernel@vger.kernel.org", "kernel"],
    ["linux-security-module@vger.kernel.org", "lsm"],
    ["linux-unionfs@vger.kernel.org", "overlayfs"],
    ["virtualization@lists.linux.dev", "virt"],
    ["platform-driver-x86@vger.kernel.org", "x86-drivers"],
    ["rust-for-linux@vger.kernel.org", "rust"],
    ["v9fs-developer@lists.sourceforge.net", "9p"],
    // Repeated prefixes and stacked suffixes, dots removed.
    ["linux-linux-media-devel-list@x.org", "media"],
    ["linux-pm.x@x.org", "pmx"],
    ["linux-@x.org", ""],
    ["no-at-sign", ""],
  ])("%s → %j", (email, name) => {
    expect(emailToName(email)).toBe(name);
  });

  test("handles hostile input (a backtracking regexp would not finish on it)", () => {
    const long = "linux-".repeat(20_000) + "a-dev".repeat(20_000) + "x@y";
    expect(emailToName(long)).toBe("a-dev".repeat(20_000) + "x");
  });
});

describe("subsystemName", () => {
  const { sections } = parseMaintainers(`MM
L:\tlinux-kernel@vger.kernel.org
L:\tlinux-mm@kvack.org

NETFILTER
L:\tcoreteam@netfilter.org
L:\tnetfilter-devel@vger.kernel.org

LIBRARY CODE
L:\tlinux-kernel@vger.kernel.org

SENARYTECH AUDIO CODEC DRIVER (and a title far too long)
M:\tbo liu <bo.liu@senarytech.com>

TOO LONG
L:\tsome-very-long-list-name@example.org

THE REST
L:\tlinux-kernel@vger.kernel.org
`);
  const named = sections.map((s) => [s.name, subsystemName(s)]);

  test("the first list that stands for a subsystem names it; lkml and non-subsystem lists are passed over", () => {
    expect(named.slice(0, 2)).toEqual([
      ["MM", { name: "mm", catchAll: false }],
      ["NETFILTER", { name: "netfilter", catchAll: false }],
    ]);
  });

  test("sections with only generic lists, and THE REST, are catch-all", () => {
    expect(named[2]).toEqual(["LIBRARY CODE", { name: "kernel", catchAll: true }]);
    expect(named[5]).toEqual(["THE REST", { name: "kernel", catchAll: true }]);
  });

  test("without a usable list the title's slug names it", () => {
    expect(named[3]).toEqual(["SENARYTECH AUDIO CODEC DRIVER (and a title far too long)", { name: "senarytech-audio-codec-driver", catchAll: false }]);
    expect(named[4]).toEqual(["TOO LONG", { name: "too-long", catchAll: false }]);
    expect(slugOf("802.11 (including CFG80211/NL80211)")).toBe("802-11-including-cfg80211-nl80");
  });
});

describe("ranking a change's subsystems from MAINTAINERS", () => {
  const index = buildIndex(parseMaintainers(`LIBRARY CODE
L:\tlinux-kernel@vger.kernel.org
F:\tlib/*

PER-CPU MEMORY ALLOCATOR
L:\tlinux-mm@kvack.org
F:\tinclude/linux/percpu*.h
F:\tlib/percpu*.c

RDMAVT
L:\tlinux-rdma@vger.kernel.org
F:\tdrivers/infiniband/sw/rdmavt/

INFINIBAND
L:\tlinux-rdma@vger.kernel.org
F:\tdrivers/infiniband/

AIO
L:\tlinux-aio@kvack.org
F:\tfs/aio.c

FILESYSTEMS
L:\tlinux-fsdevel@vger.kernel.org
F:\tfs/*

THE REST
L:\tlinux-kernel@vger.kernel.org
F:\t*
F:\t*/
`));

  test("a file goes to its best non-catch-all sections; all sections tied at that score count", () => {
    expect(subsystemsOf(index.match("lib/percpu-refcount.c"))).toEqual(["mm"]);
    expect(subsystemsOf(index.match("drivers/infiniband/sw/rdmavt/mr.c"))).toEqual(["rdma"]);
    expect(subsystemsOf(index.match("fs/aio.c"))).toEqual(["aio", "fs"]);
    expect(subsystemsOf(index.match("lib/sort.c"))).toEqual(["kernel"]);
    expect(subsystemsOf(index.match("README"))).toEqual(["kernel"]);
  });

  test("the seed change ranks mm first and rdma last", () => {
    const files = [
      { path: "drivers/infiniband/sw/rdmavt/mr.c", lines: 2 },
      { path: "include/linux/percpu-refcount.h", lines: 52 },
      { path: "lib/percpu-refcount.c", lines: 131 },
    ];
    const ranked = rankSubsystems(files, [maintainersSource(index)]);
    expect(ranked.map((s) => [s.name, s.lines])).toEqual([
      ["mm", 183],
      ["rdma", 2],
    ]);
    // A two-line fixup elsewhere does not earn a label.
    expect(significantSubsystems(ranked).map((s) => s.name)).toEqual(["mm"]);
  });

  test("equal totals keep the order in which the names first appeared", () => {
    const files = [
      { path: "fs/aio.c", lines: 5 },
      { path: "lib/sort.c", lines: 5 },
      { path: "drivers/infiniband/core/cma.c", lines: 10 },
    ];
    // lib/sort.c has only catch-all owners: it counts for nothing next to specific ones.
    expect(rankSubsystems(files, [maintainersSource(index)]).map((s) => [s.name, s.lines])).toEqual([
      ["rdma", 10],
      ["aio", 5],
      ["fs", 5],
    ]);
  });

  test("a change only catch-all sections own is ranked under their name", () => {
    expect(rankSubsystems([{ path: "lib/sort.c", lines: 3 }], [maintainersSource(index)]).map((s) => s.name)).toEqual(["kernel"]);
  });
});
