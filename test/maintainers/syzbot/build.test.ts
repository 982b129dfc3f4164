// syzkaller's own generator tests (google/syzkaller pkg/subsystem/linux/subsystems_test.go and
// parents_test.go, commit 1e72964b0111): their MAINTAINERS sample and file tree, run through
// this port with the Linux tables (so UDF FILESYSTEM is the hand-made `udf`, as in their
// TestCustomCallRules).
import { describe, expect, test } from "vitest";
import { buildSubsystemList } from "../../../src/maintainers/index.js";
import { duplicateSubsystems, inferParents, reduceParents, smallSubsystems } from "../../../src/maintainers/syzbot/parents.js";

const MAINTAINERS = `
Maintainers List
----------------

.. note:: When reading this list, please look for the most precise areas
          first. When adding to this list, please keep the entries in
          alphabetical order.

FILESYSTEMS (VFS and infrastructure)
M:\tDeveloper <email_vfs@email.com>
L:\tlinux-fsdevel@vger.kernel.org
S:\tMaintained
F:\tfs/*
F:\tinclude/linux/fs.h
F:\tinclude/linux/fs_types.h
F:\tinclude/uapi/linux/fs.h
F:\tinclude/uapi/linux/openat2.h

EXT4 FILE SYSTEM
M:\tDeveloper <email_ext4@email.com>
M:\tDeveloper <email_ext4_2@email.com>
L:\tlinux-ext4@vger.kernel.org
S:\tMaintained
W:\thttp://ext4.wiki.kernel.org
Q:\thttp://patchwork.ozlabs.org/project/linux-ext4/list/
T:\tgit git://git.kernel.org/pub/scm/linux/kernel/git/tytso/ext4.git
F:\tDocumentation/filesystems/ext4/
F:\tfs/ext4/
F:\tinclude/trace/events/ext4.h

FREEVXFS FILESYSTEM
M:\tDeveloper <email_vxfs@email.com>
S:\tMaintained
W:\tftp://ftp.openlinux.org/pub/people/hch/vxfs
F:\tfs/freevxfs/

MEMORY MANAGEMENT
M:\tDeveloper <email_mm@email.com>
L:\tlinux-mm@kvack.org
S:\tMaintained
W:\thttp://www.linux-mm.org
T:\tgit://git.kernel.org/pub/scm/linux/kernel/git/akpm/mm
T:\tquilt git://git.kernel.org/pub/scm/linux/kernel/git/akpm/25-new
F:\tinclude/linux/gfp.h
F:\tinclude/linux/gfp_types.h
F:\tinclude/linux/memory_hotplug.h
F:\tinclude/linux/mm.h
F:\tinclude/linux/mmzone.h
F:\tinclude/linux/pagewalk.h
F:\tinclude/linux/vmalloc.h
F:\tmm/
F:\ttools/testing/selftests/vm/

TMPFS (SHMEM FILESYSTEM)
M:\tDeveloper <email_shmem@email.com>
L:\ttmpfs@kvack.org
S:\tMaintained
F:\tinclude/linux/shmem_fs.h
F:\tmm/shmem*

UDF FILESYSTEM
M:\temail_udf <email_udf@email.com>
L:\tlinux-fsdevel@vger.kernel.org
S:\tMaintained
F:\tDocumentation/filesystems/udf.rst
F:\tfs/udf/

THE REST
M:\tDeveloper <email_rest@email.com>
L:\tlinux-kernel@vger.kernel.org
S:\tBuried alive in reporters
T:\tgit git://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git
F:\t*
F:\t*/
`;

const TREE = {
  files: [
    "fs/ext4/fsync.c", "fs/ext4/fsync.h", "fs/ext4/mmp.c", "fs/ext4/mmp.h",
    "fs/freevxfs/vxfs_olt.c", "fs/freevxfs/vxfs_olt.h", "fs/freevxfs/file.c",
    "fs/udf/file.c", "fs/udf/file2.c", "fs/udf/file3.c", "fs/file.c", "fs/internal.h",
    "include/linux/fs.h", "include/linux/mm.h", "include/linux/shmem_fs.h", "include/net/ah.h",
    "mm/memory.c", "mm/shmem.c", "mm/shmem2.c", "MAINTAINERS",
  ],
};

describe("syzkaller's sample MAINTAINERS and tree", () => {
  const list = buildSubsystemList(MAINTAINERS, TREE);

  test("one subsystem per list, the hand-made udf, no subsystem for the list-less FREEVXFS", () => {
    expect(list.names).toEqual(["ext4", "fs", "kernel", "mm", "tmpfs", "udf"]);
    expect(list.subsystems.find((s) => s.name === "udf")?.lists).toEqual(["linux-fsdevel@vger.kernel.org"]);
    expect(list.isCatchAll("kernel")).toBe(true);
    expect(list.isCatchAll("fs")).toBe(false);
  });

  test("parents inferred from the files (TestLinuxSubsystemParents)", () => {
    expect(Object.fromEntries(list.subsystems.map((s) => [s.name, s.parents]))).toEqual({
      ext4: ["fs"], fs: ["kernel"], kernel: [], mm: ["kernel"], tmpfs: ["mm"], udf: ["fs"],
    });
    expect(list.ancestors("tmpfs")).toEqual(["mm", "kernel"]);
    expect(list.ancestors("nonexistent")).toEqual([]);
  });

  // TestLinuxSubsystemPaths gives PathMatcher's raw sets; match() then removes the parents.
  test.each([
    ["fs/internal.h", ["fs"]],
    ["fs/ext4/mmp.c", ["ext4"]],
    ["fs/fat/inode.c", ["fs"]],
    ["fs/freevxfs/vxfs_olt.c", ["fs"]],
    ["fs/udf/file.c", ["udf"]],
    ["mm/memory.c", ["mm"]],
    ["mm/shmem.c", ["tmpfs"]],
    ["include/net/ah.h", ["kernel"]],
    ["include/linux/mm.h", ["mm"]],
    ["include/linux/fs.h", ["fs"]],
    // The Documentation/ pattern of EXT4 is dropped: syzbot sees only THE REST there.
    ["Documentation/filesystems/ext4/index.rst", ["kernel"]],
  ])("%s → %j", (path, names) => {
    expect(list.match(path)).toEqual(names);
  });

  test("a subsystem with two files or fewer in the tree is dropped", () => {
    const smaller = buildSubsystemList(MAINTAINERS, { files: TREE.files.filter((file) => file !== "fs/udf/file3.c") });
    expect(smaller.names).not.toContain("udf");
    expect(smaller.match("fs/udf/file.c")).toEqual(["fs"]);
  });
});

/** A coincidence matrix from syzkaller's matrix.Record calls: each entry is the set of subsystems one file has. */
function matrix(size: number, files: number[][]) {
  const cells = new Map<string, number>();
  for (const owners of files) for (const a of owners) for (const b of owners) cells.set(`${a},${b}`, (cells.get(`${a},${b}`) ?? 0) + 1);
  const common = (a: number, b: number) => cells.get(`${a},${b}`) ?? 0;
  return { size, common, count: (a: number) => common(a, a) };
}

describe("parents.go, with syzkaller's test matrices", () => {
  test("TestDropSmallSubsystems: legal, with no files, goes", () => {
    const [kernel, net, fs, legal] = [0, 1, 2, 3];
    const m = matrix(4, [[kernel, net], [kernel, fs], [kernel, net, fs], [kernel, net, fs], [kernel, net, fs]]);
    expect([...smallSubsystems(m)]).toEqual([legal]);
  });

  test("TestDropDuplicateSubsystems: the same files keep the first list; a 75% part goes, a 66% part stays", () => {
    const [kernel, sameA, sameB, ext4, fs, toDrop, stays] = [0, 1, 2, 3, 4, 5, 6];
    const files = [
      ...Array.from({ length: 3 }, () => [kernel, sameA, sameB]),
      [kernel, ext4, fs], [kernel, ext4, fs], [kernel, fs],
      ...Array.from({ length: 5 }, () => [kernel, toDrop, stays]), [kernel, stays],
    ];
    const lists = ["", "SameA@gmail.com", "SameB@gmail.com", "", "", "", ""];
    expect([...duplicateSubsystems(matrix(7, files), lists)].sort()).toEqual([sameB, toDrop]);
  });

  test("TestSetParents: half the files and fewer of them make a child", () => {
    // The tree of TestSetParents: kernel owns all 8 files, net the 4 under net/, wireless 2, drivers 2.
    const [kernel, net, wireless, drivers] = [0, 1, 2, 3];
    const files = [[kernel], [kernel, net], [kernel, net], [kernel, net, wireless], [kernel, net, wireless], [kernel, net], [kernel, drivers], [kernel, drivers]];
    expect(inferParents(matrix(4, files), [kernel, net, wireless, drivers])).toEqual([[], [kernel], [net], [kernel]]);
  });

  test("TestTransitiveReduction: a parent reachable through another goes", () => {
    const [a, b, c, d, e] = [0, 1, 2, 3, 4];
    const parents = [[], [a], [a, b], [a, b, c, e], []];
    reduceParents(parents);
    expect(parents[d]).toEqual([c, e]);
    expect(parents[c]).toEqual([b]);
  });
});
