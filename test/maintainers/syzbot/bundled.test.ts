import { describe, expect, test } from "vitest";
import { maintainersSource } from "../../../src/analyse/subsystems/maintainers-source.js";
import { rankSubsystems, significantSubsystems } from "../../../src/analyse/subsystems/rank.js";
import { syzbotSource } from "../../../src/analyse/subsystems/syzbot-source.js";
import { loadBundledLinux } from "../../../src/maintainers/index.js";
import { parseText } from "../../../src/parse/index.js";
import { fixtureText } from "../../helpers/fixtures.js";

// The snapshot in data/linux/ with no configuration: what a fresh install and the dry run use.
const linux = loadBundledLinux();
const sources = [syzbotSource(linux.subsystems), maintainersSource(linux.maintainers)];
const labels = (files: { path: string; lines: number | null }[]) => significantSubsystems(rankSubsystems(files, sources)).map((s) => s.name);

describe("the bundled Linux v7.1.2 snapshot", () => {
  test("is built once per process", () => {
    expect(loadBundledLinux()).toBe(linux);
  });

  test("labels the seed's culprit mm, the two-line rdma fixup not counting", () => {
    const culprit = parseText(fixtureText("logs/seed-2020-culprit.txt")).reports[0]?.culprit;
    expect(culprit?.diffstat.map((entry) => entry.path)).toEqual([
      "drivers/infiniband/sw/rdmavt/mr.c",
      "include/linux/percpu-refcount.h",
      "lib/percpu-refcount.c",
    ]);
    expect(linux.subsystems.match("lib/percpu-refcount.c")).toEqual(["mm"]);
    expect(linux.subsystems.match("include/linux/percpu-refcount.h")).toEqual(["mm"]);
    expect(labels(culprit?.diffstat ?? [])).toEqual(["mm"]);
  });

  test("gives get_maintainer.pl's sections, directories known from the file list", () => {
    // erdma is a directory only a directory list tells (maintainers.md §4.3).
    expect(linux.maintainers.lookup("drivers/infiniband/hw/erdma/erdma_main.c").sections.map((s) => s.section.name)).toEqual([
      "ALIBABA ELASTIC RDMA DRIVER",
      "INFINIBAND SUBSYSTEM",
      "THE REST",
    ]);
  });
});

describe("syzbotSource", () => {
  test("every owner that is not another's ancestor, as syzbot's subjects show them", () => {
    expect(linux.subsystems.match("mm/kasan/report.c")).toEqual(["kasan", "mm"]);
    expect(labels([{ path: "drivers/vhost/net.c", lines: 10 }])).toEqual(["virt", "kvm", "net"]);
    expect(labels([{ path: "arch/x86/kvm/x86.c", lines: 10 }])).toEqual(["kvm-x86"]);
  });

  test("a kept subsystem's ancestor yields to it: fs and ext4 give ext4", () => {
    const files = [
      { path: "fs/ext4/inode.c", lines: 100 },
      { path: "fs/namei.c", lines: 60 },
    ];
    expect(rankSubsystems(files, sources).map((s) => [s.name, s.lines])).toEqual([
      ["ext4", 100],
      ["fs", 60],
    ]);
    expect(labels(files)).toEqual(["ext4"]);
  });

  test("syzbot's kernel counts only when nothing more specific owns a file", () => {
    expect(linux.subsystems.match("lib/sort.c")).toEqual(["kernel"]);
    expect(labels([{ path: "lib/sort.c", lines: 100 }, { path: "mm/slub.c", lines: 5 }])).toEqual(["mm"]);
    expect(labels([{ path: "lib/sort.c", lines: 3 }])).toEqual(["kernel"]);
  });

  // syzbot drops the patterns of these places on purpose; for a culprit file they are put back.
  test.each([
    ["tools/testing/selftests/bpf/prog_tests/align.c", ["kernel"], ["bpf"]],
    ["Documentation/admin-guide/mm/transhuge.rst", ["kernel"], ["mm"]],
    ["scripts/kconfig/confdata.c", ["kernel"], ["kbuild"]],
    ["Makefile", ["kernel"], ["kbuild"]],
    ["mm/Makefile", ["mm"], ["mm"]],
    ["drivers/iio/common/cros_ec_sensors/Makefile", ["chrome", "iio"], ["chrome", "iio"]],
  ])("%s: syzbot's list says %j, the app %j", (path, syzbot, app) => {
    expect(linux.subsystems.match(path)).toEqual(syzbot);
    const ranked = rankSubsystems([{ path, lines: 1 }], sources);
    expect(ranked.map((s) => [s.name, s.source])).toEqual(app.map((name) => [name, "syzbot"]));
  });

  test("where even the dropped patterns name only kernel, MAINTAINERS' own answer decides", () => {
    // KERNEL SELFTEST FRAMEWORK's files are all under tools/, so syzbot has no kselftest.
    const path = "tools/testing/selftests/x86/fsgsbase.c";
    expect(linux.subsystems.matchWithDropped(path)).toEqual(["kernel"]);
    expect(rankSubsystems([{ path, lines: 1 }], sources).map((s) => [s.name, s.source])).toEqual([["kselftest", "MAINTAINERS"]]);
  });
});
