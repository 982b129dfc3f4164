import { describe, expect, test } from "vitest";
import { compilePerlRegex, perlSearch, translatePerlRegex } from "../../src/maintainers/perl-regex.js";
import { globToPerlRegex, literalPrefix } from "../../src/maintainers/pattern.js";

describe("globToPerlRegex (get_maintainer.pl's F:/X: conversion)", () => {
  test.each([
    ["fs/aio.c", "fs/aio\\.c"],
    ["net/ipv4/tcp*.c", "net/ipv4/tcp.*\\.c"],
    ["drivers/input/misc/da72??.[ch]", "drivers/input/misc/da72..\\.[ch]"],
    ["fs/**/*foo*.c", "fs/(?:.*)/.*foo.*\\.c"],
    ["***", "(?:.*).*"],
    ["*", ".*"],
  ])("%s → %s", (glob, regex) => {
    expect(globToPerlRegex(glob)).toBe(regex);
  });
});

describe("literalPrefix", () => {
  test.each([
    ["fs/aio.c", "fs/aio.c"],
    ["net/ipv4/tcp*.c", "net/ipv4/tcp"],
    ["drivers/*/qcom/", "drivers/"],
    ["sound/soc/codecs/da[79]*.[ch]", "sound/soc/codecs/da"],
    // A quantifier takes the character before it with it.
    ["drivers/foo+bar", "drivers/fo"],
    // An alternation can escape the ^ anchor.
    ["drivers/a|b", ""],
    ["*", ""],
  ])("%s starts with %j", (glob, prefix) => {
    expect(literalPrefix(glob)).toBe(prefix);
  });
});

describe("translatePerlRegex", () => {
  test("/x drops blanks outside classes and ends at #; blanks inside a class stay", () => {
    expect(translatePerlRegex("[^a-z] tegra # comment", true)).toBe("[^a-z]tegra");
    expect(translatePerlRegex("foo[ ]bar", true)).toBe("foo[ ]bar");
    expect(translatePerlRegex("foo\\ bar", true)).toBe("foo\\ bar");
    expect(translatePerlRegex("a b", false)).toBe("a b");
  });

  test("Perl anchors and escapes with the same meaning are rewritten or kept", () => {
    expect(translatePerlRegex("\\Afoo\\z", false)).toBe("^foo$");
    expect(translatePerlRegex("\\bmxc[^\\d]", false)).toBe("\\bmxc[^\\d]");
    expect(translatePerlRegex("include\\/linux\\/page[-_][a-zA-Z]*", false)).toBe("include\\/linux\\/page[-_][a-zA-Z]*");
    expect(translatePerlRegex("\\x41", false)).toBe("\\x41");
  });

  test("a leading ] in a class is a literal, as in Perl", () => {
    expect(translatePerlRegex("[]a]", false)).toBe("[\\]a]");
    expect(translatePerlRegex("[^]a]", false)).toBe("[^\\]a]");
    expect(compilePerlRegex("x[]]", { extended: false, anchored: false })?.test("x]")).toBe(true);
  });

  test("Perl syntax JavaScript would silently read otherwise is refused", () => {
    for (const source of ["\\h", "\\Qa.b\\E", "[[:alpha:]]", "a{,3}", "\\p{L}", "\\x{41}", "[\\A]", "unterminated[", "trailing\\"]) {
      expect(translatePerlRegex(source, false), source).toBeUndefined();
    }
  });

  test("compilePerlRegex returns undefined instead of throwing, and anchors on request", () => {
    expect(compilePerlRegex("a(b", { extended: false, anchored: true })).toBeUndefined();
    expect(compilePerlRegex("a**", { extended: false, anchored: true })).toBeUndefined();
    const anchored = compilePerlRegex("fs/", { extended: false, anchored: true });
    expect([anchored?.test("fs/aio.c"), anchored?.test("x/fs/aio.c")]).toEqual([true, false]);
  });
});

describe("perlSearch (how N: lines are tested)", () => {
  test("bare words, regexes and /x all search anywhere in the path", () => {
    const paths = ["drivers/gpu/drm/tegra/dc.c", "arch/arm/mach-integrator/core.c", "lib/zstd/common/zstd.c"];
    const found = (source: string) => paths.filter((path) => perlSearch(source, true)?.(path));
    expect(found("zstd")).toEqual(["lib/zstd/common/zstd.c"]);
    expect(found("tegra")).toEqual(["drivers/gpu/drm/tegra/dc.c", "arch/arm/mach-integrator/core.c"]);
    expect(found("[^a-z]tegra")).toEqual(["drivers/gpu/drm/tegra/dc.c"]);
    expect(found("z std # the word")).toEqual(["lib/zstd/common/zstd.c"]);
  });

  test("an unusable regex gives no search", () => {
    expect(perlSearch("\\Qx", true)).toBeUndefined();
    expect(perlSearch("a(b", true)).toBeUndefined();
  });
});
