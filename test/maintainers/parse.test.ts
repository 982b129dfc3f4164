import { describe, expect, test } from "vitest";
import { parseMaintainers, valuesOf } from "../../src/maintainers/index.js";

const FILE = `List of maintainers
===================

\tM: *Mail* patches to: FullName <address@domain>
\tF: *Files* and directories wildcard patterns.

3C509 NETWORK DRIVER
M:\t"Maciej W. Rozycki" <macro@orcam.me.uk>
L:\tnetdev@vger.kernel.org
S:\tMaintained
F:\tdrivers/net/ethernet/3com/3c509.c

# a comment between sections
ALL TAGS
M:  Someone <someone@example.org>
R:\tReviewer <r@example.org>
L:\tlist@example.org (moderated for non-subscribers)
S:\tSupported
W:\thttps://example.org/
Q:\thttps://patchwork.example.org/
B:\tmailto:bugs@example.org
C:\tirc://irc.example.org/chan
P:\tDocumentation/process/profile.rst
T:\tgit git://git.example.org/repo.git

F:\tfoo/
  # an indented comment inside the section
X:\tfoo/bar/
N:\t[^a-z]foo
K:\t\\bfoo_\\w+\\b
Z:\tunknown letters are tag lines too
`;

describe("parseMaintainers", () => {
  const { sections, patterns } = parseMaintainers(FILE);

  test("the preamble yields no section; a header is the line before a run of tag lines", () => {
    expect(sections.map((s) => [s.index, s.name, s.line])).toEqual([
      [0, "3C509 NETWORK DRIVER", 7],
      [1, "ALL TAGS", 14],
    ]);
  });

  test("every tag line is kept with its value after the colon and blanks; blank lines and comments do not end a section", () => {
    expect(sections[1]?.entries.map((e) => [e.tag, e.value, e.line])).toEqual([
      ["M", "Someone <someone@example.org>", 15],
      ["R", "Reviewer <r@example.org>", 16],
      ["L", "list@example.org (moderated for non-subscribers)", 17],
      ["S", "Supported", 18],
      ["W", "https://example.org/", 19],
      ["Q", "https://patchwork.example.org/", 20],
      ["B", "mailto:bugs@example.org", 21],
      ["C", "irc://irc.example.org/chan", 22],
      ["P", "Documentation/process/profile.rst", 23],
      ["T", "git git://git.example.org/repo.git", 24],
      ["F", "foo/", 26],
      ["X", "foo/bar/", 28],
      ["N", "[^a-z]foo", 29],
      ["K", "\\bfoo_\\w+\\b", 30],
      ["Z", "unknown letters are tag lines too", 31],
    ]);
    expect(valuesOf(sections[0]!, "M")).toEqual(['"Maciej W. Rozycki" <macro@orcam.me.uk>']);
  });

  test("F:, X: and N: lines are listed up front with their section", () => {
    expect(patterns.map((p) => [p.tag, p.value, p.line, p.section.name])).toEqual([
      ["F", "drivers/net/ethernet/3com/3c509.c", 11, "3C509 NETWORK DRIVER"],
      ["F", "foo/", 26, "ALL TAGS"],
      ["X", "foo/bar/", 28, "ALL TAGS"],
      ["N", "[^a-z]foo", 29, "ALL TAGS"],
    ]);
  });

  test("CRLF files read the same as LF files", () => {
    const crlf = parseMaintainers(FILE.replaceAll("\n", "\r\n"));
    expect(crlf.sections.map((s) => [s.name, s.entries])).toEqual(sections.map((s) => [s.name, s.entries]));
    expect(crlf.patterns.map((p) => p.value)).toEqual(patterns.map((p) => p.value));
  });

  test("tag lines before any header form a section with an empty name", () => {
    const { sections: headless } = parseMaintainers("F:\tfoo/\nHEADER\nF:\tbar/");
    expect(headless.map((s) => [s.name, s.line, s.entries.map((e) => e.value)])).toEqual([
      ["", 0, ["foo/"]],
      ["HEADER", 2, ["bar/"]],
    ]);
  });
});
