import { expect, test } from "vitest";
import { bugLink, causeBisectionLog, openBugsPath, textRef, textUrl } from "../../src/mirror/dashboard-links.js";
import { titleMatches } from "../../src/mirror/title-pattern.js";
import { SYZBOT } from "./fake-dashboard.js";

test.each([
  ["/text?tag=CrashReport&x=12000000000000", { tag: "CrashReport", x: "12000000000000" }],
  ["/text?tag=KernelConfig&amp;x=a989f27ebc47e2dc", { tag: "KernelConfig", x: "a989f27ebc47e2dc" }],
  ["/x/repro.syz?x=17a81d4b300000", { tag: "ReproSyz", x: "17a81d4b300000" }],
  ["/x/bisect.txt?x=1773834b300000", { tag: "Log", x: "1773834b300000" }],
  ["/text?tag=Patch&x=12", null],
  ["/x/minfo.txt?x=12", null],
  ["/text?tag=CrashReport&x=12&y=3", null],
  ["https://evil.example/text?tag=CrashReport&x=12", null],
  ["", null],
])("the dashboard's link %j names the text %j", (link, ref) => {
  expect(textRef(link)).toEqual(ref);
});

test("texts are linked as syzbot's emails link them", () => {
  expect(textUrl(SYZBOT, { tag: "CrashReport", x: "14f3834b300000" })).toBe("https://syzkaller.appspot.com/x/report.txt?x=14f3834b300000");
  expect(textUrl(SYZBOT, { tag: "KernelConfig", x: "e917f3dfc452c977" })).toBe("https://syzkaller.appspot.com/x/.config?x=e917f3dfc452c977");
});

test("bug links of the lists, and the filtered list's address", () => {
  expect(bugLink("/bug?extid=decf42d66dced481afc1")).toEqual({ by: "extid", value: "decf42d66dced481afc1" });
  expect(bugLink("/bug?id=70ce63ecb151d563976728208edccc6879191f9f")).toEqual({ by: "id", value: "70ce63ecb151d563976728208edccc6879191f9f" });
  expect(bugLink("/bug?extid=decf&json=1")).toBeNull();
  expect(bugLink("https://syzkaller.appspot.com/bug?extid=decf")).toBeNull();
  expect(openBugsPath("upstream", { subsystem: null, withRepro: false })).toBe("/upstream");
  expect(openBugsPath("upstream", { subsystem: "mptcp", withRepro: true })).toBe("/upstream?label=subsystems:mptcp&with_repro=1");
});

// templates.html's "bisect_results" as the dashboard renders it: the cause bisection, then a fix bisection.
const PAGE = `<div class="bug-bisection-info">
			<b>Cause bisection: introduced by</b>
		<b>(<a href="/text?tag=Log&x=1773834b300000">bisect log</a>)</b> <span class="bad"></span>:<br>
		<span class="mono">
		commit 6001a930ce0378b62210d4f83583fc88a903d89d<br>
</div><div class="bug-bisection-info">
		<b>Fix bisection: fixed by</b>
		<b>(<a href="/text?tag=Log&x=13efcb0cb00000">bisect log</a>)</b>
</div>`;

test("the cause bisection's log is found on the bug's page, never the fix bisection's", () => {
  expect(causeBisectionLog(PAGE)).toEqual({ tag: "Log", x: "1773834b300000" });
  expect(causeBisectionLog(PAGE.slice(PAGE.indexOf("</div>")))).toBeNull();
  expect(causeBisectionLog(`<b>Cause bisection: failed</b>\n<b>(<a href="/text?tag=Error&x=15">error log</a>, <a href="/text?tag=Log&x=16">bisect log</a>)</b>`)).toEqual({ tag: "Log", x: "16" });
  expect(causeBisectionLog(`<b>Cause bisection: introduced by</b>${" ".repeat(5000)}<a href="/text?tag=Log&x=16">bisect log</a>`)).toBeNull();
  expect(causeBisectionLog("<html>Please try again later.</html>")).toBeNull();
});

test.each([
  ["WARNING in *", "WARNING in mptcp_pm_nl_set_flags (2)", true],
  ["warning IN *", "WARNING in mptcp_pm_nl_set_flags (2)", true],
  ["*mptcp*", "KASAN: use-after-free Read in mptcp_pm_nl_work", true],
  ["*mptcp*", "general protection fault in nf_tables_dump_tables", false],
  ["KASAN: * in *_work", "KASAN: use-after-free Read in mptcp_pm_nl_work", true],
  ["KASAN: * in *_work", "KASAN: use-after-free Read in mptcp_pm_nl_worker", false],
  ["WARNING in mptcp_pm_nl_set_flags", "WARNING in mptcp_pm_nl_set_flags (2)", false],
  ["a*a", "a", false],
  ["*", "", true],
])("title pattern %j on %j: %j", (pattern, title, matches) => {
  expect(titleMatches(pattern, title)).toBe(matches);
});
