import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { analyseCrash, findOops, normalizeTitle } from "../../src/crash/index.js";
import { SHARED } from "../helpers/corpus.js";

const SEED = `${SHARED}fixtures/seed-bisect.txt`;
const FIXTURES = join(import.meta.dirname, "../fixtures/crash");

/** The raw text of a fixture, without its expectation header. */
function fixtureText(name: string): string {
  const content = readFileSync(join(FIXTURES, name), "utf8");
  return content.slice(content.indexOf("\n\n") + 2);
}

describe("analyseCrash", () => {
  test("the seed's crash: title frame from the RIP line, guilty file past lib/", () => {
    const result = analyseCrash(fixtureText("seed-null-deref.txt"));
    expect(result).toMatchObject({
      title: "BUG: unable to handle kernel NULL pointer dereference in __percpu_ref_exit",
      kind: "NULL_DEREF",
      guiltyFrame: "__percpu_ref_exit",
      guiltyFile: "fs/aio.c",
      guiltyFileFrame: "ioctx_alloc",
      corrupted: false,
    });
    expect(result?.frames[1]).toEqual({ func: "ioctx_alloc", file: "fs/aio.c", line: 805, inline: false });
  });

  test.skipIf(!existsSync(SEED))("a whole bisection log: the titles it quotes are not reports", () => {
    const log = readFileSync(SEED, "utf8");
    expect(findOops(log)).toEqual({ start: 213, end: 265 });
    expect(analyseCrash(log)?.title).toBe("BUG: unable to handle kernel NULL pointer dereference in __percpu_ref_exit");
  });

  test("a known title wins, the extracted one stays visible", () => {
    const result = analyseCrash(fixtureText("kernel-bug-at-old-title.txt"), { title: "kernel BUG at fs/pipe.c:562! (2)" });
    expect(result?.title).toBe("kernel BUG at fs/pipe.c:LINE!");
    expect(result?.extractedTitle).toBe("kernel BUG in pipe_poll");
    expect(result?.kind).toBe("BUG");
  });

  test("text without an oops", () => {
    expect(analyseCrash("")).toBeNull();
    expect(analyseCrash("all fine\nINFO: lockdep is turned off.\nWARNING: /etc/ssh/moduli does not exist, using fixed modulus\n")).toBeNull();
  });

  test("a header without any stack is corrupted", () => {
    const result = analyseCrash("general protection fault: 0000 [#1] PREEMPT SMP KASAN\nCPU: 0 PID: 1 Comm: init\n");
    expect(result).toMatchObject({ title: "general protection fault in corrupted", guiltyFrame: null, corrupted: true });
  });

  test("syscall wrappers are stripped from the title frame", () => {
    const result = analyseCrash(
      [
        "INFO: task syz-executor.3:8452 blocked for more than 143 seconds.",
        "Call Trace:",
        " context_switch kernel/sched/core.c:4972 [inline]",
        " __schedule+0x8cd/0x2150 kernel/sched/core.c:6260",
        " schedule+0xd2/0x260 kernel/sched/core.c:6333",
        " __do_sys_io_setup+0x3b/0x60 fs/aio.c:1329",
        " do_syscall_64+0x35/0xb0 arch/x86/entry/common.c:80",
      ].join("\n"),
    );
    expect(result).toMatchObject({ title: "INFO: task hung in io_setup", kind: "HANG", guiltyFile: "fs/aio.c" });
  });
});

// The corpus (2018-2022) has none of these; the reports are shaped after the kernel's formats.
describe("formats newer than the corpus", () => {
  const trace = ["Call Trace:", " <TASK>", " caller_fn+0x10/0x20 net/foo/caller.c:10", " do_syscall_64+0x1/0x2 arch/x86/entry/common.c:1", " </TASK>"];

  test.each([
    ["WARNING: net/foo/bar.c:123 at 0x0, CPU#1: syz.0.17/5678", "RIP: 0010:bar_check+0x12/0x40 net/foo/bar.c:123"],
    ["WARNING: net/foo/bar.c:123 at bar_check+0x12/0x40, CPU#1: syz.0.17/5678", "RIP: 0010:bar_check+0x12/0x40 net/foo/bar.c:123"],
  ])("%s", (header, rip) => {
    expect(analyseCrash(["------------[ cut here ]------------", header, "Modules linked in:", rip, ...trace].join("\n"))).toMatchObject({
      title: "WARNING in bar_check",
      kind: "WARNING",
      guiltyFile: "net/foo/bar.c",
      corrupted: false,
    });
  });

  test("KFENCE", () => {
    const result = analyseCrash(
      [
        "BUG: KFENCE: use-after-free read in foo_read+0x1a/0x40 drivers/foo/foo.c:12",
        "",
        "Use-after-free read at 0xffff8880 (in kfence-#12):",
        " foo_read+0x1a/0x40 drivers/foo/foo.c:12",
        " foo_ioctl+0x2b/0x50 drivers/foo/foo.c:40",
      ].join("\n"),
    );
    expect(result).toMatchObject({ title: "KFENCE: use-after-free read in foo_read", kind: "KFENCE", guiltyFile: "drivers/foo/foo.c" });
    expect(result?.frames.map((f) => f.func)).toEqual(["foo_read", "foo_ioctl"]);
  });

  test("KCSAN names both sides of the race", () => {
    const result = analyseCrash(
      [
        "BUG: KCSAN: data-race in foo_a / foo_b",
        "",
        "write to 0xffff888 of 4 bytes by task 1 on cpu 0:",
        " foo_a+0x1/0x2 kernel/foo.c:1",
        "",
        "read to 0xffff888 of 4 bytes by task 2 on cpu 1:",
        " foo_b+0x1/0x2 kernel/foo.c:2",
      ].join("\n"),
    );
    expect(result).toMatchObject({ title: "KCSAN: data-race in foo_a / foo_b", kind: "KCSAN", guiltyFrame: null, corrupted: false });
  });
});

describe("findOops", () => {
  test("stops at the last line of the oops's own context before a second report", () => {
    const text = [
      "Thanks for looking, here is the crash:",
      "",
      "[   10.000001][ T100] BUG: kernel NULL pointer dereference, address: 0000000000000010",
      "[   10.000002][ T100] RIP: 0010:foo+0x1/0x2 drivers/foo/foo.c:1",
      "[   10.000003][ T100] Call Trace:",
      "[   10.000004][   C1] hrtimer: interrupt took 1234 ns",
      "[   10.000005][ T100]  bar+0x3/0x4 drivers/foo/bar.c:2",
      "[   10.000006][ T200] WARNING: CPU: 1 PID: 200 at net/x.c:1 x+0x1/0x2",
      "[   10.000007][ T100]  baz+0x5/0x6 drivers/foo/baz.c:3",
      "",
      "Let me know if you need more.",
    ].join("\n");
    expect(findOops(text)).toEqual({ start: 2, end: 7 });
    expect(analyseCrash(text)).toMatchObject({
      title: "BUG: unable to handle kernel NULL pointer dereference in foo",
      guiltyFile: "drivers/foo/foo.c",
    });
  });

  test("null without an oops", () => {
    expect(findOops("nothing to see\n")).toBeNull();
  });
});

describe("guilty file", () => {
  const guilty = (...lines: string[]): string | null =>
    analyseCrash(["BUG: KASAN: use-after-free in f+0x1/0x2", "Read of size 8", "Call Trace:", ...lines].join("\n"))?.guiltyFile ??
    null;

  test("skips ignored files and lockdep's held-lock lines", () => {
    expect(
      guilty(
        " kasan_report+0x1/0x2 mm/kasan/report.c:1",
        " #0: ffff8880 (&sb->s_type->i_mutex_key#10){+.+.}-{3:3}, at: inode_lock fs/ext4/file.c:12",
        " f+0x1/0x2 include/linux/list.h:3 [inline]",
        " g+0x1/0x2 net/core/dev.c:4",
        " h+0x1/0x2 net/ipv4/tcp.c:5",
      ),
    ).toBe("net/ipv4/tcp.c");
  });

  test("a later file one directory deeper in the same tree refines it", () => {
    expect(guilty(" f+0x1/0x2 drivers/net/foo.c:1", " g+0x1/0x2 drivers/net/wireless/ath/hif.c:2", " h+0x1/0x2 drivers/base/dd.c:3")).toBe(
      "drivers/net/wireless/ath/hif.c",
    );
    expect(guilty(" f+0x1/0x2 drivers/net/foo.c:1", " g+0x1/0x2 drivers/net/bar.c:2", " h+0x1/0x2 drivers/netfilter/x/y.c:3")).toBe(
      "drivers/net/foo.c",
    );
  });

  test("when every file is ignored the first one is still named, cleaned", () => {
    expect(guilty(" f+0x1/0x2 ./lib/string.c:1", " g+0x1/0x2 mm/slub.c:2")).toBe("lib/string.c");
  });
});

describe("normalizeTitle", () => {
  test.each([
    ["KASAN: use-after-free Read in foo (2)", "KASAN: use-after-free Read in foo"],
    ["INFO: task syz-executor.3:8452 blocked for more than 143 seconds.", "INFO: task syz-executor blocked for more than NUM seconds."],
    ["kernel BUG at fs/ext4/inode.c:2597!", "kernel BUG at fs/ext4/inode.c:LINE!"],
    ["BUG: unable to handle kernel paging request at ffffc90001b2c000", "BUG: unable to handle kernel paging request at ADDR"],
    ["WARNING: CPU: 1 PID: 17 at net/core/dev.c:12 foo+0x1a/0x30", "WARNING: CPU: NUM PID: NUM at net/core/dev.c:LINE foo"],
    ["WARNING: kernel/time.c:12 at 0x0, CPU#3: syzkaller123/5", "WARNING: kernel/time.c:LINE at 0x0, CPU: syzkaller"],
    ["BUG: failed to connect 10.128.0.2 port 0,1,2", "BUG: failed to connect IP port NUM,NUM,NUM"],
    ["possible deadlock in cfg80211_netdev_notifier_call", "possible deadlock in cfg80211_netdev_notifier_call"],
    ["memory leak in\tfoo\u0007  bar\u00e9", "memory leak in foo bar"],
  ])("%s", (title, normalized) => {
    expect(normalizeTitle(title)).toBe(normalized);
    expect(normalizeTitle(normalized)).toBe(normalized);
  });

  test("at most 120 characters", () => {
    expect(normalizeTitle(`WARNING: ${"x".repeat(500)}`)).toHaveLength(120);
  });
});

describe("linear time on hostile input", () => {
  const report = fixtureText("console-timestamps-kasan.txt");

  test("a 1 MB line", () => {
    expect(analyseCrash("a".repeat(1 << 20))).toBeNull();
    // No format matches, so the header line itself (cut to 120 characters) is the title.
    expect(analyseCrash(`WARNING: ${" at a/b.c:1 ".repeat(1 << 17)}`)?.title).toMatch(/^WARNING: at a\/b\.c:LINE at/);
    expect(analyseCrash(`BUG: KASAN: ${"a/".repeat(1 << 19)}`)?.kind).toBe("KASAN");
  });

  test("5 MB of junk before and after a report", () => {
    const junk = "[  100.000000][ T777] audit: type=1400 avc: denied { read } for pid=1 name=\"x\"\n".repeat(70_000);
    expect(junk.length).toBeGreaterThan(5e6);
    expect(analyseCrash(junk)).toBeNull();
    expect(analyseCrash(junk + report + junk)?.title).toBe("KASAN: use-after-free Read in batadv_iv_ogm_queue_add");
  });

  test("100k headers and 300k frames", () => {
    const headers = "WARNING: CPU: 0 PID: 1 at a/b.c:1 foo+0x1/0x2\n".repeat(100_000);
    expect(analyseCrash(headers)?.title).toBe("WARNING in corrupted");
    const frames = `general protection fault: 0000 [#1]\nCall Trace:\n${" foo+0x1/0x2 a/b.c:1\n".repeat(300_000)}`;
    expect(analyseCrash(frames)?.frames).toHaveLength(300_000);
  });
});
