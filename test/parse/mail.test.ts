import { describe, expect, test } from "vitest";
import { parseText } from "../../src/parse/index.js";
import { toSourceLines } from "../../src/parse/text/source-lines.js";
import { fixtureText } from "../helpers/fixtures.js";

// Raw messages from the public-inbox mirrors (test/fixtures/pasted/README.md).
describe("email bodies as archives serve them", () => {
  test("a report's lines are the raw message's lines, whatever decoding joined", () => {
    const raw = fixtureText("pasted/kernelci-revert-fail-qp-signed.txt");
    const rawLines = raw.split("\n");
    const [report] = parseText(raw).reports.filter((r) => r.format === "kernelci");
    expect(rawLines[(report?.source.startLine ?? 0) - 1]).toBe("> Summary:");
    // The last line read is the dashed rule after the git bisection log, itself split by a soft break.
    expect(rawLines[(report?.source.endLine ?? 0) - 1]).toBe("> -------------------------------------------------------------------------=");
  });

  test("multipart: the text part is read, the signature part and the boundaries are not", () => {
    const texts = toSourceLines(fixtureText("pasted/only-skipped-quoted-three-deep-qp-signed.txt")).map((l) => l.text);
    expect(texts.some((t) => t.includes("BEGIN PGP SIGNATURE") || t.startsWith("--A17eLGPWZDe3T98X"))).toBe(false);
    // `a=` + `nd` joined by the soft break.
    expect(texts).toContain("suspend, leaving the display dead, the wayland display server hung, and");
  });

  test("quoted-printable without headers: a link cut by a soft break inside the hash is whole", () => {
    const [report] = parseText(fixtureText("pasted/link-bisected-to-kernel-org-url-qp.txt")).reports;
    expect(report?.culprit?.sha).toBe("673903495c85137791d5820d690229efe09c8f7b");
  });

  test("format=flowed from the header reads as the same message with the wrapping joined", () => {
    const flowed = parseText(fixtureText("pasted/email-flowed-raw-headers.txt")).reports[0];
    const wrapped = parseText(fixtureText("pasted/email-flowed-wrapped-quoted-three-deep.txt")).reports[0];
    expect(flowed?.culprit?.subject).toBe("reiserfs: Add security prefix to xattr name in reiserfs_security_write()");
    expect({ ...flowed, crashTitle: null, source: null }).toEqual({ ...wrapped, source: null });
    expect(flowed?.crashTitle).toBe("possible deadlock in open_xa_dir");
  });

  test("urldefense-wrapped links are the links they wrap", () => {
    const [report] = parseText(fixtureText("pasted/email-fix-urldefense-quoted.txt")).reports;
    expect(report?.links.bisectionLog).toBe("https://syzkaller.appspot.com/x/bisect.txt?x=1078f70c580000");
    expect(report?.links.dashboard).toBe("https://syzkaller.appspot.com/bug?extid=837bcd54843dd6262f2f");
  });
});
