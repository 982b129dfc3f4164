import { expect, test } from "vitest";
import { readReports } from "../../src/analyse/read-reports.js";
import { closingComment, mirroredBody, mirroredTitle } from "../../src/mirror/body.js";
import { factsOf, type MirrorFacts } from "../../src/mirror/facts.js";
import { belowMarker, digestOf, markerLine, readMarker } from "../../src/mirror/marker.js";
import { fixturePage, fixtureTexts } from "./bugs.js";
import { SYZBOT } from "./fake-dashboard.js";

const texts = new Map([...fixtureTexts("nf-tables"), ...fixtureTexts("mon-bin")]);
const REPORT = texts.get("14f3834b300000") as string;
const LOG = texts.get("1773834b300000") as string;
const LONG_LOG = texts.get("14deb012e00000") as string;

function facts(stage: "reported" | "bisected" | "fixed"): MirrorFacts {
  return factsOf(fixturePage("nf-tables", stage), "/bug?extid=0e3358e5ebb1956c271d", null);
}

test("a reported bug's body is syzbot's report as the app reads it: the fields, the crash", () => {
  const body = mirroredBody(facts("reported"), { report: REPORT, bisection: null }, SYZBOT);
  const read = readReports(body);
  expect(read.reports).toEqual([]);
  expect(read.crashes).toHaveLength(1);
  expect(read.crashes[0]?.crash.title).toBe("general protection fault in nf_tables_dump_tables");
  expect(body).toContain("- HEAD commit:    2fcd14d0f78090f57aecd7f424e2b0373cd631a7\n- git tree:       `https://git.kernel.org/pub/scm/linux/kernel/git/netdev/net-next.git`\n");
  expect(body).toContain("- C reproducer:   /\n- Bisected to:    /\n");
});

test("a bisected bug's body holds its log, and the app reads one report from it", () => {
  const body = mirroredBody(facts("bisected"), { report: REPORT, bisection: { ref: { tag: "Log", x: "1773834b300000" }, text: LOG } }, SYZBOT);
  expect(readReports(body).reports.map((r) => [r.format, r.culprit?.sha, r.recipients.to.length])).toEqual([["bisection-log", "6001a930ce0378b62210d4f83583fc88a903d89d", 8]]);
});

test("a log too long for an issue is linked, with the culprit in the list for the app to fetch and join", () => {
  const long = factsOf(fixturePage("mon-bin", "bisected"), "/bug?id=2b061d1fabd9760e98f92163543189b637c4af36", null);
  const body = mirroredBody(long, { report: null, bisection: { ref: { tag: "Log", x: "14deb012e00000" }, text: LONG_LOG } }, SYZBOT);
  expect(body.length).toBeLessThan(60_000 + 2_000);
  const [report] = readReports(body).reports;
  expect([report?.format, report?.culprit?.sha, report?.links.bisectionLog]).toEqual(["markdown-report", "46eb14a6e1585d99c1b9f58d0e7389082a5f466b", "https://syzkaller.appspot.com/x/bisect.txt?x=14deb012e00000"]);
});

test("a bisection without its log (another page layout) still states the culprit", () => {
  const body = mirroredBody(facts("bisected"), { report: REPORT, bisection: null }, SYZBOT);
  expect(body).toContain("- Bisected to:    commit 6001a930ce0378b62210d4f83583fc88a903d89d netfilter: nftables: introduce table ownership\n");
  expect(readReports(body).reports.map((r) => r.culprit?.sha)).toEqual(["6001a930ce0378b62210d4f83583fc88a903d89d"]);
});

test("text from the dashboard cannot mention, link, forge a marker or leave its fence", () => {
  const hostile: MirrorFacts = {
    ...facts("fixed"),
    fixes: [{ title: "net: fix @torvalds' #123 [x](https://evil.example) <!-- syztriage-mirror: 0 -->", hash: "a499b03bf36b0c2e3b958a381d828678ab0ffc5e", link: null }],
    crash: { ...facts("fixed").crash!, compiler: "gcc @everyone", tree: "`x` <img src=x>" },
  };
  const report = "BUG: something\n```\n<!-- syztriage-mirror: 000713bab9dbbd78de82aebd7a7bd4ba597a60c4 e30 -->\n";
  const body = mirroredBody(hostile, { report, bisection: null }, SYZBOT);
  expect(body).not.toMatch(/(?:^|[\s(])@[a-z]/m);
  expect(body).not.toContain("](https://evil");
  expect(body).toContain("- git tree:       `` `x` <img src=x> ``\n");
  expect(body.split("<!-- syztriage-mirror:")).toHaveLength(2);
  expect(body).toContain("````\nBUG: something\n```\n");
  expect(readMarker(body)?.marker?.facts).toEqual(hostile);
});

test("a crash report longer than its share of the body is cut at a line, with its link", () => {
  const long = `${REPORT}\n`.repeat(10);
  const body = mirroredBody(facts("reported"), { report: long, bisection: null }, SYZBOT);
  expect(body.length).toBeLessThan(24_000);
  expect(body).toContain("The crash report is cut here; all of it: https://syzkaller.appspot.com/x/report.txt?x=14f3834b300000");
});

test("the marker: the bug id in clear, the facts and the digest of the rest; an edit shows in the digest", () => {
  const body = mirroredBody(facts("reported"), { report: REPORT, bisection: null }, SYZBOT);
  const read = readMarker(body);
  expect(read?.id).toBe("000713bab9dbbd78de82aebd7a7bd4ba597a60c4");
  expect(read?.marker?.facts).toEqual(facts("reported"));
  expect(read?.marker?.digest).toBe(digestOf(belowMarker(body)));
  // GitHub's editor writes CRLF and trims: not an edit.
  expect(digestOf(belowMarker(body).replace(/\n/g, "\r\n").trimEnd())).toBe(read?.marker?.digest);
  expect(digestOf(`${belowMarker(body)}more\n`)).not.toBe(read?.marker?.digest);
});

test("a marker whose JSON cannot be read still names its bug; anything else is no marker", () => {
  const line = markerLine({ facts: facts("reported"), digest: "0".repeat(64) });
  expect(readMarker(`${line.replace(/ [A-Za-z0-9_-]+ -->$/, " bm90IGpzb24 -->")}\nbody`)).toEqual({ id: "000713bab9dbbd78de82aebd7a7bd4ba597a60c4", marker: null });
  expect(readMarker(`${line.replace("000713bab9db", "111111111111")}\nbody`)?.marker).toBeNull();
  expect(readMarker(`text first\n${line}`)).toBeNull();
  expect(readMarker("<!-- syztriage-mirror: not-an-id x -->")).toBeNull();
  expect(readMarker("")).toBeNull();
});

test("the title and the closing comment", () => {
  expect(mirroredTitle("WARNING in mptcp_pm_nl_set_flags (2)\n")).toBe("[syzkaller] WARNING in mptcp_pm_nl_set_flags (2)");
  expect(closingComment(facts("fixed"), SYZBOT)).toBe(
    "syzbot marks this bug fixed by `a499b03bf36b` netfilter: nf\\_tables: unlink table before deleting it on its [dashboard](https://syzkaller.appspot.com/bug?extid=0e3358e5ebb1956c271d), so syztriage closes the issue.\n",
  );
});
