import { describe, expect, test } from "vitest";
import { formatEmail, parseEmail } from "../../src/maintainers/email.js";
import { applyMailmap, collectRecipients, parseMailmap, parseMaintainers, type Recipients } from "../../src/maintainers/index.js";

describe("parseEmail and formatEmail (get_maintainer.pl's)", () => {
  test.each([
    ["Jens Axboe <axboe@kernel.dk>", "Jens Axboe", "axboe@kernel.dk"],
    ['"Maciej W. Rozycki" <macro@orcam.me.uk>', '"Maciej W. Rozycki"', "macro@orcam.me.uk"],
    ["Maciej W. Rozycki <macro@orcam.me.uk>", '"Maciej W. Rozycki"', "macro@orcam.me.uk"],
    ["Paulo Alcantara <pc@manguebit.org> (DFS, global name space)", "Paulo Alcantara", "pc@manguebit.org"],
    ["Charles Hsu\t<hsu.yungteng@gmail.com>", "Charles Hsu", "hsu.yungteng@gmail.com"],
    ["x86@kernel.org", "", "x86@kernel.org"],
    ["bare@example.org (comment)", "", "bare@example.org"],
    ["<bracketed@example.org> trailing", "", "bracketed@example.org"],
    // Perl 5.36 on the script's regex: the last `@` whose blank-free run reaches a `>`.
    ["<a@b@example.org>x y>", "", "a@b@example.org"],
    ["<a@b>c@d e>", "", "a@b"],
    ["<x@y z>w@v>", "", "x@y z>w@v"],
    ["Uwe Kleine-König <u@example.org>", '"Uwe Kleine-König"', "u@example.org"],
    ['Tom "T" Jones <t@example.org>', '"Tom \\"T\\" Jones"', "t@example.org"],
    ["no address here", "", ""],
  ])("%s", (text, name, address) => {
    expect(parseEmail(text)).toEqual({ name, address });
  });

  test("formatting quotes names with characters other than word characters, blanks and dashes", () => {
    expect(formatEmail("David S. Miller", "davem@davemloft.net")).toBe('"David S. Miller" <davem@davemloft.net>');
    expect(formatEmail('"David S. Miller"', " davem@davemloft.net ")).toBe('"David S. Miller" <davem@davemloft.net>');
    expect(formatEmail("", "list@example.org")).toBe("list@example.org");
  });
});

describe("parseMailmap and applyMailmap", () => {
  const mailmap = parseMailmap(`# comment
Proper Name <proper@example.org>
<new@example.org> <old@example.org>
New Name <new2@example.org> <old2@example.org>
New Name <new3@example.org> Old Name <shared@example.org>
Satya Priya <a@example.org> <b@example.org> <c@example.org>
Broken <line
`);

  test("each of the four line forms maps as in read_mailmap", () => {
    expect(applyMailmap(mailmap, "proper name <proper@example.org>")).toBe("Proper Name <proper@example.org>");
    expect(applyMailmap(mailmap, "Someone <old@example.org>")).toBe("Someone <new@example.org>");
    expect(applyMailmap(mailmap, "Whoever <old2@example.org>")).toBe("New Name <new2@example.org>");
    expect(applyMailmap(mailmap, "Old Name <shared@example.org>")).toBe("New Name <new3@example.org>");
    // The four-part form only applies to that name with that address.
    expect(applyMailmap(mailmap, "Other Name <shared@example.org>")).toBe("Other Name <shared@example.org>");
    expect(applyMailmap(mailmap, "Unmapped <x@example.org>")).toBe("Unmapped <x@example.org>");
  });

  test("a line with three addresses reads as the script's regexes read it", () => {
    // (.+)<([^>]+)>\s*<([^>]+)>$ takes "Satya Priya <a@example.org> " as the name.
    expect(mailmap.addresses.get("c@example.org")).toBe("a@example.org> <b@example.org");
    expect(mailmap.names.get("c@example.org")).toBe("Satya Priya");
  });

  test("lines that fit no form are skipped", () => {
    expect([...mailmap.names.keys(), ...mailmap.addresses.keys()]).not.toContain("line");
    expect(mailmap.names.size + mailmap.addresses.size).toBe(8);
  });
});

function recipients(maintainers: string, mailmap?: string): Recipients {
  const { sections } = parseMaintainers(maintainers);
  return collectRecipients(sections, mailmap === undefined ? undefined : parseMailmap(mailmap));
}

const brief = (r: Recipients) => ({
  people: r.people.map((p) => `${p.printed} ${p.role} ${p.section}`),
  lists: r.lists.map((l) => `${l.address} ${l.moderated ? "moderated" : "open"} ${l.section}`),
});

describe("collectRecipients", () => {
  test("the first section to name a person decides the role (cl@gentwo.org in PER-CPU before SLAB)", () => {
    const file = `PER-CPU\nM:\tChristoph Lameter <cl@gentwo.org>\nL:\tlinux-mm@kvack.org\n\nSLAB\nM:\tVlastimil Babka <vbabka@kernel.org>\nR:\tChristoph Lameter <cl@gentwo.org>\nL:\tlinux-mm@kvack.org\n`;
    expect(brief(recipients(file))).toEqual({
      people: ["Christoph Lameter <cl@gentwo.org> maintainer PER-CPU", "Vlastimil Babka <vbabka@kernel.org> maintainer SLAB"],
      lists: ["linux-mm@kvack.org open PER-CPU"],
    });
    const reversed = `SLAB\nR:\tChristoph Lameter <cl@gentwo.org>\n\nPER-CPU\nM:\tChristoph Lameter <cl@gentwo.org>\n`;
    expect(brief(recipients(reversed)).people).toEqual(["Christoph Lameter <cl@gentwo.org> reviewer SLAB"]);
  });

  test("people are the same person by name or by address, ignoring case", () => {
    const file = `A\nM:\tJane Doe <jane@old.example.org>\nM:\tJOHN ROE <john@example.org>\n\nB\nM:\tjane doe <jane@new.example.org>\nR:\tJohnny <John@Example.org>\n`;
    expect(brief(recipients(file)).people).toEqual([
      "Jane Doe <jane@old.example.org> maintainer A",
      "JOHN ROE <john@example.org> maintainer A",
    ]);
  });

  test("the mailmap rewrites addresses, and people it makes equal are printed once", () => {
    const file = `INFINIBAND\nM:\tJason Gunthorpe <jgg@nvidia.com>\nM:\tLeon Romanovsky <leonro@nvidia.com>\n\nOTHER\nM:\tJason G <jgg@ziepe.ca>\n`;
    const mailmap = `Jason Gunthorpe <jgg@ziepe.ca> <jgg@nvidia.com>\nLeon Romanovsky <leon@kernel.org> <leonro@nvidia.com>\n`;
    expect(recipients(file, mailmap).people.map((p) => p.printed)).toEqual([
      "Jason Gunthorpe <jgg@ziepe.ca>",
      "Leon Romanovsky <leon@kernel.org>",
    ]);
    expect(recipients(file).people.map((p) => p.address)).toEqual(["jgg@nvidia.com", "leonro@nvidia.com", "jgg@ziepe.ca"]);
  });

  test("Linus is dropped as chief penguin; THE REST's list stays", () => {
    const file = `THE REST\nM:\tLinus Torvalds <torvalds@linux-foundation.org>\nL:\tlinux-kernel@vger.kernel.org\nS:\tBuried alive in reporters\nF:\t*\n`;
    expect(brief(recipients(file))).toEqual({ people: [], lists: ["linux-kernel@vger.kernel.org open THE REST"] });
  });

  test("lists: first seen by address ignoring case; subscribers-only left out; moderated kept", () => {
    const file = `A\nL:\tmod@example.org (moderated for non-subscribers)\nL:\tsubs@example.org (subscribers-only)\nL:\topen@example.org\n\nB\nL:\tOPEN@example.org\n`;
    expect(brief(recipients(file)).lists).toEqual(["mod@example.org moderated A", "open@example.org open A"]);
  });
});
