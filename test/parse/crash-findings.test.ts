import { describe, expect, test } from "vitest";
import { parseText } from "../../src/parse/index.js";
import { fixtureText } from "../helpers/fixtures.js";

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
