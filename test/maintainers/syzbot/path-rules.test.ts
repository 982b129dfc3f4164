// Cases from syzkaller's own tests (google/syzkaller pkg/subsystem/linux/maintainers_test.go,
// TestRecordToPathRule, commit 1e72964b0111), run through this port.
import { describe, expect, test } from "vitest";
import { PathMatcher } from "../../../src/maintainers/syzbot/path-matcher.js";
import { listAddress } from "../../../src/maintainers/syzbot/records.js";
import { Wildcard } from "../../../src/maintainers/syzbot/wildcard.js";

function matcherFor(record: { includes?: string[]; regexps?: string[]; excludes?: string[] }): PathMatcher {
  return new PathMatcher([
    {
      owner: 0,
      includes: (record.includes ?? []).map((w) => new Wildcard(w)),
      regexps: (record.regexps ?? []).map((r) => new RegExp(r)),
      excludes: (record.excludes ?? []).map((w) => new Wildcard(w)),
    },
  ]);
}

describe("a record's path rule (syzkaller's TestRecordToPathRule)", () => {
  test.each([
    {
      name: "general test",
      record: { includes: ["drivers/gpio/gpio-*wm*.c", "drivers/hwmon/wm83??-hwmon.c", "include/linux/mfd/arizona/", "include/linux/wm97xx.h"] },
      match: [
        "drivers/gpio/gpio-wm831x.c",
        "drivers/gpio/gpio-abcdwm831x.c",
        "drivers/hwmon/wm8355-hwmon.c",
        "include/linux/mfd/arizona/file.c",
        "include/linux/mfd/arizona/subfolder/file.c",
        "include/linux/wm97xx.h",
      ],
      noMatch: ["drivers/gpio/gpio-w831x.c", "drivers/hwmon/wm83556-hwmon.c", "drivers/hwmon/wm831-hwmon.c", "include/linux/mfd", "include", "random-file"],
    },
    {
      name: "include patterns and regexp",
      record: { includes: ["drivers/rtc/rtc-opal.c"], regexps: ["[^a-z0-9]ps3"] },
      match: ["drivers/rtc/rtc-opal.c", "drivers/ps3/a.c", "drivers/sub/ps3/a.c", "drivers/sub/sub/ps3.c"],
      noMatch: ["drivers/aps3/a.c", "drivers/abc/aps3.c"],
    },
    {
      name: "exclude patterns",
      record: { includes: ["security/"], excludes: ["security/selinux/"] },
      match: ["security/apparmor/abcd.c", "security/abcd.c"],
      noMatch: ["security/selinux/abcd.c"],
    },
    {
      name: "handle / at the end",
      record: { includes: ["with-subfolders/", "dir/only-one", "also-with-subfolders/*"] },
      match: ["with-subfolders/a", "with-subfolders/a/b", "dir/only-one", "dir/only-one/a.c", "dir/only-one/a/b.c", "also-with-subfolders/a.c", "also-with-subfolders/b/a.c"],
      noMatch: ["dir/only-one-plus-suffix"],
    },
    {
      name: "wildcards are well escaped",
      record: { includes: ["drivers/net/ethernet/smsc/smc91x.*"] },
      match: ["drivers/net/ethernet/smsc/smc91x.c", "drivers/net/ethernet/smsc/smc91x.h"],
      noMatch: ["drivers/net/ethernet/smsc/smc91xAh"],
    },
    { name: "match everything", record: { includes: ["*", "*/"] }, match: ["a", "a/b", "a/b/c"], noMatch: [] },
  ])("$name", ({ record, match, noMatch }) => {
    const matcher = matcherFor(record);
    for (const path of match) expect(matcher.match(path), path).toEqual([0]);
    for (const path of noMatch) expect(matcher.match(path), path).toEqual([]);
  });

  test("a record with only X: lines owns every other path, as syzkaller's nil include does", () => {
    const matcher = matcherFor({ excludes: ["drivers/"] });
    expect(matcher.match("fs/aio.c")).toEqual([0]);
    expect(matcher.match("drivers/md/md.c")).toEqual([]);
  });
});

describe("Wildcard.regexp is syzkaller's wildcardToRegexp", () => {
  // The right-hand sides as pkg/subsystem/lists/linux.go prints them.
  test.each([
    ["fs/aio.c", "^fs/aio\\.c(?:/|$)"],
    ["block/", "^block/"],
    ["fs/*", "^fs/"],
    ["lib/percpu*.c", "^lib/percpu[^/]*\\.c(?:/|$)"],
    ["*", "^[^/]*(?:/|$)"],
    ["*/", "^[^/]*/"],
    ["arch/x86/kvm/", "^arch/x86/kvm/"],
    ["drivers/hwmon/wm83??-hwmon.c", "^drivers/hwmon/wm83..-hwmon\\.c(?:/|$)"],
    ["include/linux/c++.h", "^include/linux/c\\+\\+\\.h(?:/|$)"],
  ])("%s → %s", (wildcard, regexp) => {
    expect(new Wildcard(wildcard).regexp).toBe(regexp);
  });
});

describe("listAddress (syzkaller's parseEmail)", () => {
  test.each([
    ["linux-mm@kvack.org", "linux-mm@kvack.org"],
    ["linux-arm-kernel@lists.infradead.org (moderated for non-subscribers)", "linux-arm-kernel@lists.infradead.org"],
    ["Dell.Client.Kernel@dell.com", "Dell.Client.Kernel@dell.com"],
    ["Some List <some-list@example.org>", "some-list@example.org"],
    ["no address here", ""],
  ])("%s → %j", (value, address) => {
    expect(listAddress(value)).toBe(address);
  });
});
