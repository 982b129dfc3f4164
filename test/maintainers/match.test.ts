import { describe, expect, test } from "vitest";
import { buildIndex, parseMaintainers, type IndexOptions } from "../../src/maintainers/index.js";

// [section, score] pairs in output order.
function matches(maintainers: string, path: string, options?: IndexOptions): [string, number][] {
  return buildIndex(parseMaintainers(maintainers), options).match(path).map((m) => [m.section.name, m.score]);
}

const REST = `THE REST
M:	Linus Torvalds <torvalds@linux-foundation.org>
L:	linux-kernel@vger.kernel.org
F:	*
F:	*/
`;

describe("scores", () => {
  test("the last matching line sets the score, not the best one", () => {
    const demoting = `A\nF:\tfs/ext4/inode.c\nF:\tfs/\n`;
    expect(matches(demoting, "fs/ext4/inode.c")).toEqual([["A", 1]]);
    const promoting = `A\nF:\tfs/\nF:\tfs/ext4/inode.c\n`;
    expect(matches(promoting, "fs/ext4/inode.c")).toEqual([["A", 3]]);
  });

  test("an N: match scores 0 and overrides an earlier F: match (v5.10 BPF and kernel/bpf/verifier.c)", () => {
    const file = `BPF\nF:\tkernel/bpf/\nN:\tbpf\n\nCORE\nF:\tkernel/\n`;
    expect(matches(file, "kernel/bpf/verifier.c")).toEqual([["CORE", 1], ["BPF", 0]]);
    const fAfterN = `BPF\nN:\tbpf\nF:\tkernel/bpf/\n`;
    expect(matches(fAfterN, "kernel/bpf/verifier.c")).toEqual([["BPF", 2]]);
  });

  test("N: is an unanchored Perl regex with /x: blanks are ignored and # starts a comment", () => {
    const file = `TEGRA\nN:\t[^a-z] tegra  # not integrator\n`;
    expect(matches(file, "drivers/gpu/drm/tegra/dc.c")).toEqual([["TEGRA", 0]]);
    expect(matches(file, "arch/arm/mach-integrator/core.c")).toEqual([]);
  });

  test("F: score counts slashes, +1 without a trailing slash, -1 for a leading wildcard", () => {
    const file = `FILE\nF:\tfs/aio.c\n\nGLOB\nF:\tnet/ipv4/tcp*.c\n\nDIR\nF:\tblock/\n\nSTAR\nF:\t*/\n`;
    expect(matches(file, "fs/aio.c")).toEqual([["FILE", 2], ["STAR", -1]]);
    expect(matches(file, "net/ipv4/tcp_input.c")).toEqual([["GLOB", 3], ["STAR", -1]]);
    expect(matches(file, "block/blk-core.c")).toEqual([["DIR", 1], ["STAR", -1]]);
  });

  test("equal scores keep MAINTAINERS order; THE REST comes last with -1", () => {
    const file = `ZETA\nF:\tfs/aio.c\n\nALPHA\nF:\tfs/\nF:\tfs/*\n\n${REST}`;
    expect(matches(file, "fs/aio.c")).toEqual([["ZETA", 2], ["ALPHA", 2], ["THE REST", -1]]);
    expect(matches(file, "README")).toEqual([["THE REST", -1]]);
  });
});

describe("F: patterns", () => {
  test("without a trailing slash the path must have as many slashes: lib/* is not lib/zstd/x.c", () => {
    const file = `LIB\nF:\tlib/*\n\n${REST}`;
    expect(matches(file, "lib/percpu-refcount.c")).toEqual([["LIB", 2], ["THE REST", -1]]);
    expect(matches(file, "lib/zstd/common/entropy_common.c")).toEqual([["THE REST", -1]]);
  });

  test("there is no end anchor: mm/Kconfig also matches mm/Kconfig.debug", () => {
    const file = `MM\nF:\tmm/Kconfig\n\nMMH\nF:\tinclude/linux/mm.h\n`;
    const isDirectory = () => false;
    expect(matches(file, "mm/Kconfig.debug", { isDirectory })).toEqual([["MM", 2]]);
    expect(matches(file, "mm/Kconfig/x", { isDirectory })).toEqual([]);
    expect(matches(file, "include/linux/mm.h.orig")).toEqual([["MMH", 3]]);
  });

  test("a trailing slash matches at any depth, and * inside it can span directories", () => {
    const file = `QCOM\nF:\tdrivers/*/qcom/\n`;
    expect(matches(file, "drivers/a/b/qcom/x.c")).toEqual([["QCOM", 3]]);
    expect(matches(file, "drivers/qcom/x.c")).toEqual([]);
  });

  test("** matches at any depth, ignoring the slash count", () => {
    const file = `FOO\nF:\tfs/**/*foo*.c\n`;
    expect(matches(file, "fs/a/b/c/myfoo.c")).toEqual([["FOO", 3]]);
    expect(matches(file, "fs/a/bar.c")).toEqual([]);
  });

  test("globs stay Perl regexes: character classes and ? work", () => {
    const file = `DA\nF:\tdrivers/input/misc/da72??.[ch]\n`;
    expect(matches(file, "drivers/input/misc/da7280.c")).toEqual([["DA", 4]]);
    expect(matches(file, "drivers/input/misc/da7280.o")).toEqual([]);
  });
});

describe("directory patterns without a trailing slash", () => {
  const file = `ERDMA\nF:\tdrivers/infiniband/hw/erdma\n`;

  test("with a directory list, an existing directory gets its slash and matches below it", () => {
    const isDirectory = (path: string) => path === "drivers/infiniband/hw/erdma";
    expect(matches(file, "drivers/infiniband/hw/erdma/erdma_main.c", { isDirectory })).toEqual([["ERDMA", 4]]);
  });

  test("with a directory list that lacks it, it is a file name prefix, as in a tree without the directory", () => {
    const isDirectory = () => false;
    expect(matches(file, "drivers/infiniband/hw/erdma/erdma_main.c", { isDirectory })).toEqual([]);
    expect(matches(file, "drivers/infiniband/hw/erdma_x.c", { isDirectory })).toEqual([["ERDMA", 4]]);
  });

  test("without a list, a path below it proves a directory and a path next to it is guessed", () => {
    expect(matches(file, "drivers/infiniband/hw/erdma/erdma_main.c")).toEqual([["ERDMA", 4]]);
    expect(matches(file, "drivers/infiniband/hw/erdma")).toEqual([["ERDMA", 4]]);
    expect(matches(file, "drivers/infiniband/hw/erdma_x.c")).toEqual([["ERDMA", 4]]);
    // A directory `bitops` sits next to `bitops.h`: not a match.
    expect(matches(file, "drivers/infiniband/hw/erdma.h")).toEqual([]);
  });
});

describe("X: patterns", () => {
  test("a matching X: drops the whole section for that path, N: lines included", () => {
    const file = `NET\nF:\tnet/\nN:\tbluetooth\nX:\tnet/bluetooth/\n\nBT\nF:\tnet/bluetooth/\n`;
    expect(matches(file, "net/bluetooth/hci_core.c")).toEqual([["BT", 2]]);
    expect(matches(file, "net/core/dev.c")).toEqual([["NET", 1]]);
    expect(matches(file, "drivers/bluetooth/btusb.c")).toEqual([["NET", 0]]);
  });

  test("an X: line never affects other sections", () => {
    const file = `A\nF:\tfs/\nX:\tfs/aio.c\n\nB\nF:\tfs/\n`;
    expect(matches(file, "fs/aio.c")).toEqual([["B", 1]]);
    expect(matches(file, "fs/aio.h")).toEqual([["A", 1], ["B", 1]]);
  });
});

describe("malformed patterns", () => {
  test("a line whose regex does not compile is skipped and reported; the rest still match", () => {
    const index = buildIndex(parseMaintainers(`BAD\nF:\tdrivers/(foo/\nN:\t\\Qliteral\nF:\tdrivers/bar.c\n`));
    expect(index.match("drivers/bar.c").map((m) => [m.section.name, m.score])).toEqual([["BAD", 2]]);
    expect(index.match("drivers/(foo/x.c")).toEqual([]);
    expect(index.unusableLines().map((entry) => entry.line)).toEqual([2, 3]);
  });

  test("absurdly long paths match nothing instead of running regexes on them", () => {
    expect(matches(REST, "a/".repeat(3000))).toEqual([]);
  });
});
