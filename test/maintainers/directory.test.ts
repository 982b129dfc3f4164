import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { extendsFileName, parseDirectoryList } from "../../src/maintainers/directory.js";
import { buildIndex, parseMaintainers } from "../../src/maintainers/index.js";

const DIR = new URL("../fixtures/linux/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DIR), "utf8");

describe("parseDirectoryList", () => {
  test("one directory a line; CRs, empty lines and trailing slashes do not matter", () => {
    expect([...parseDirectoryList("fs\r\nfs/ext4/\n\nmm/")]).toEqual(["fs", "fs/ext4", "mm"]);
  });
});

describe("extendsFileName (the guess for a path next to a plain pattern)", () => {
  test.each([
    ["include/drm/drm", "include/drm/drm_gem.h", true],
    ["Documentation/ABI/testing/sysfs-pps", "Documentation/ABI/testing/sysfs-pps-gen", true],
    ["mm/Kconfig", "mm/Kconfig.debug", true],
    ["arch/arm/configs/omap2plus_defconfig", "arch/arm/configs/omap2plus_defconfig.orig", true],
    ["include/asm-generic/bitops", "include/asm-generic/bitops.h", false],
  ])("%s next to %s: %s", (pattern, path, matches) => {
    expect(extendsFileName(pattern, path)).toBe(matches);
  });
});

describe("matching without dirs.txt, against matching with it (v7.1)", () => {
  const maintainers = read("MAINTAINERS");
  const directories = parseDirectoryList(read("dirs.txt"));
  const file = parseMaintainers(maintainers);

  // Every literal F:/X: file, every wildcard pattern filled in, and two files in every directory.
  function samplePaths(): string[] {
    const paths = new Set<string>();
    for (const { tag, value } of file.patterns) {
      if (tag === "N" || value.endsWith("/")) continue;
      if (!/[*?[\]]/.test(value)) {
        if (!directories.has(value)) paths.add(value);
      } else {
        paths.add(value.replaceAll("**", "a/b").replace(/[*?]/g, "x").replace(/\[(.)[^\]]*\]/g, "$1"));
      }
    }
    for (const directory of directories) {
      paths.add(`${directory}/${directory.slice(directory.lastIndexOf("/") + 1)}.c`);
      paths.add(`${directory}/Makefile`);
    }
    return [...paths];
  }

  test("gives the same sections and scores for all but two made-up paths of 19,700", () => {
    const exact = buildIndex(file, { isDirectory: (path) => directories.has(path) });
    const guessed = buildIndex(file);
    const sections = (index: typeof exact, path: string) => index.match(path).map((m) => `${m.section.name} ${m.score}`);
    const paths = samplePaths();
    const differing = paths.filter((path) => sections(exact, path).join("|") !== sections(guessed, path).join("|"));
    expect(paths.length).toBeGreaterThan(19_700);
    // Next to directory Documentation/arch/arc, and next to file prefix include/drm/drm: the guess is wrong.
    expect(differing).toEqual(["Documentation/arch/arch.c", "include/drm/drm.c"]);
  });
});
