import { readdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseText } from "../../src/parse/index.js";
import { emptyLinks } from "../../src/parse/report-builder.js";
import { FIXTURES, fixtureText } from "../helpers/fixtures.js";

/** A crash fixture's raw text, without its expectation header. */
function crashText(name: string): string {
  const text = fixtureText(`crash/${name}.txt`);
  return text.slice(text.indexOf("\n\n") + 2);
}

describe("crash reports without a bisection", () => {
  test("a syzbot bug report whose bisection is missing gives its crash and links", () => {
    const { reports, crashes } = parseText(fixtureText("constructed/email-bug-report-no-bisection.txt"));
    expect(reports).toEqual([]);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({
      format: "syzbot-report",
      title: "KASAN: slab-use-after-free Read in mptcp_pm_nl_rm_addr_or_subflow",
      crash: { kind: "KASAN", guiltyFile: "net/mptcp/pm_netlink.c", guiltyFrame: "mptcp_pm_nl_rm_addr_or_subflow" },
      links: {
        dashboard: "https://syzkaller.appspot.com/bug?extid=5a630c1c6a1e9d4a2b3c",
        consoleLog: "https://syzkaller.appspot.com/x/log.txt?x=13b7c5e4e80000",
      },
      reportedBy: "syzbot+5a630c1c6a1e9d4a2b3c@syzkaller.appspotmail.com",
    });
  });

  test("an oops pasted into an issue, fenced amid prose, is found with its lines", () => {
    const oops = crashText("warning-odebug-bug");
    const body = `Running the fuzzer on 6.8 gives:\n\n\`\`\`\n${oops}\n\`\`\`\n\nReproducer attached.`;
    const { crashes } = parseText(body);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({
      format: "oops",
      title: "WARNING: ODEBUG bug in io_sqe_files_unregister",
      crash: { guiltyFile: "fs/io_uring.c" },
      // The fence opens on line 3; the oops header (WARNING:) is the third line inside it.
      source: { startLine: 6 },
    });
  });

  test("a quoted oops is found too", () => {
    const oops = crashText("kasan-use-after-free-read");
    const { crashes } = parseText(oops.split("\n").map((l) => `> ${l}`).join("\n"));
    expect(crashes[0]?.crash.kind).toBe("KASAN");
  });

  test("a bisection log's own crash is part of its report, not a separate finding", () => {
    const { reports, crashes } = parseText(fixtureText("logs/seed-2020-culprit.txt"));
    expect(reports).toHaveLength(1);
    expect(crashes).toEqual([]);
    expect(reports[0]?.crash?.guiltyFile).toBe("fs/aio.c");
  });

  test("prose that only names a crash is not a crash report", () => {
    expect(parseText("We still see the WARNING in ext4_xattr_block_set on 6.6, any news?").crashes).toEqual([]);
  });
});

describe("a crash report needs the evidence of one (issue 12)", () => {
  // The two bodies issue 12 found commented on as "1 crash report": an oops header and nothing else.
  test.each([
    ["BUG: typo in the README", "BUG: typo in the README\n\nThe install section says `npm instal`."],
    ["Kernel panics at boot when ...", "Kernel panics at boot when the USB stick is plugged in.\n\nIt started after upgrading to 6.8."],
  ])("%s gives no crash finding", (_name, body) => {
    expect(parseText(body).crashes).toEqual([]);
  });

  test("every real oops of test/fixtures/crash is still found, pasted as is", () => {
    const names = readdirSync(`${FIXTURES}crash`).filter((f) => f.endsWith(".txt"));
    expect(names.length).toBeGreaterThanOrEqual(36);
    const missed = names.filter((name) => parseText(crashText(name.slice(0, -".txt".length))).crashes.length !== 1);
    expect(missed).toEqual([]);
  });

  test("mptcp's list without a bisection is a crash report by its syzbot fields, titled by the issue", () => {
    const { reports, crashes } = parseText(fixtureText("pasted/mptcp-540-markdown-not-bisected.txt"));
    expect(reports).toEqual([]);
    expect(crashes).toEqual([
      {
        format: "syzbot-report",
        title: null,
        crash: { title: null, kind: null, guiltyFrame: null, guiltyFile: null, stack: [], corrupted: false },
        links: {
          ...emptyLinks(),
          dashboard: "https://syzkaller.appspot.com/bug?extid=cd16e79c1e45f3fe0377",
          consoleLog: "https://syzkaller.appspot.com/x/log.txt?x=177e41df980000",
          kernelConfig: "https://syzkaller.appspot.com/x/.config?x=1c541fa8af5c9cc7",
          syzRepro: "https://syzkaller.appspot.com/x/repro.syz?x=11262218580000",
        },
        reportedBy: null,
        source: { startLine: 3, endLine: 11 },
      },
    ]);
  });

  test("mptcp's list with its oops and Reported-by in fences below takes both", () => {
    const { crashes } = parseText(fixtureText("pasted/mptcp-555-markdown-crash.txt"));
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({
      format: "syzbot-report",
      // The index cut the oops before its RIP line: syzbot's own word for a frameless title.
      title: "WARNING in corrupted",
      crash: { kind: "WARNING", corrupted: true },
      links: { dashboard: "https://syzkaller.appspot.com/bug?extid=5cf807c20386d699b524" },
      reportedBy: "syzbot+5cf807c20386d699b524@syzkaller.appspotmail.com",
      source: { startLine: 1, endLine: 6 },
    });
  });
});
