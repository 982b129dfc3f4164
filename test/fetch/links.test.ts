import { describe, expect, test } from "vitest";
import { DEFAULT_FETCH_HOSTS, findLogLinks, scanLogLinks } from "../../src/fetch/index.js";

const ATTACHMENT = "https://github.com/user-attachments/files/17345678/bisect.txt";
const OLD_ATTACHMENT = "https://github.com/torvalds/linux.git-mirror/files/9876543/console.log";
const BISECT = "https://syzkaller.appspot.com/x/bisect.txt?x=17f1f7a5980000";
const REPORT = "https://syzkaller.appspot.com/x/report.txt?x=12c5a6e9980000";
const CONSOLE = "https://syzkaller.appspot.com/x/log.txt?x=1442b0d1980000";
const DASHBOARD = "https://syzkaller.appspot.com/bug?extid=8f7bc2ee2c4f3e5b2a31";

describe("findLogLinks", () => {
  test("Markdown links, autolinks and bare links, in order, with their kinds", () => {
    const text = [
      `Log: [bisect.txt](${ATTACHMENT})`,
      `old upload <${OLD_ATTACHMENT}>`,
      `bisection log:  ${BISECT}`,
      `final oops:     ${REPORT}`,
      `console output: ${CONSOLE}`,
      `dashboard link: ${DASHBOARD}`,
      "old dashboard link: https://syzkaller.appspot.com/bug?id=0123456789abcdef0123456789abcdef01234567",
    ].join("\n");
    expect(findLogLinks(text, DEFAULT_FETCH_HOSTS)).toEqual([
      { url: ATTACHMENT, kind: "attachment" },
      { url: OLD_ATTACHMENT, kind: "attachment" },
      { url: BISECT, kind: "bisection-log" },
      { url: REPORT, kind: "crash-report" },
      { url: CONSOLE, kind: "console-log" },
      { url: DASHBOARD, kind: "dashboard" },
      { url: "https://syzkaller.appspot.com/bug?id=0123456789abcdef0123456789abcdef01234567", kind: "dashboard" },
    ]);
  });

  test("the same log written several ways is one link, at its first place", () => {
    const text = `${BISECT}\n[log](${BISECT}) and <${BISECT}#L10>, ${ATTACHMENT}. Again: ${BISECT}.`;
    expect(findLogLinks(text, DEFAULT_FETCH_HOSTS)).toEqual([
      { url: BISECT, kind: "bisection-log" },
      { url: ATTACHMENT, kind: "attachment" },
    ]);
  });

  test("sentence punctuation, emphasis and brackets around a link are not part of it", () => {
    const text = `See **${ATTACHMENT}**. Or (${BISECT}), "${REPORT}"; \`${CONSOLE}\`!`;
    expect(findLogLinks(text, DEFAULT_FETCH_HOSTS).map((link) => link.url)).toEqual([ATTACHMENT, BISECT, REPORT, CONSOLE]);
  });

  test("balanced parentheses inside a file name are kept, the Markdown closing one is not", () => {
    const named = "https://github.com/user-attachments/files/1/bisect(1).txt";
    expect(findLogLinks(`[log](${named})`, DEFAULT_FETCH_HOSTS)).toEqual([{ url: named, kind: "attachment" }]);
  });

  test("other files and pages are not logs", () => {
    const text = [
      "https://github.com/user-attachments/files/1/repro.c",
      "https://github.com/user-attachments/assets/1/screenshot.png",
      "https://github.com/torvalds/linux/blob/master/mm/slub.c",
      "https://syzkaller.appspot.com/x/.config?x=abc",
      "https://syzkaller.appspot.com/x/bisect.txt",
      "https://syzkaller.appspot.com/x/bisect.txt?x=not-hex",
      "https://syzkaller.appspot.com/upstream",
    ].join("\n");
    expect(findLogLinks(text, DEFAULT_FETCH_HOSTS)).toEqual([]);
  });

  test("only https and only allowlisted hosts, matched exactly", () => {
    const text = [
      "http://syzkaller.appspot.com/x/bisect.txt?x=1",
      "https://syzkaller.appspot.com.evil.example/x/bisect.txt?x=2",
      "https://evil.example/user-attachments/files/3/bisect.txt",
      "https://github.com:8443/user-attachments/files/4/bisect.txt",
      "https://user:pass@github.com/user-attachments/files/5/bisect.txt",
      "https://SYZKALLER.appspot.com/x/bisect.txt?x=6",
    ].join("\n");
    expect(findLogLinks(text, DEFAULT_FETCH_HOSTS)).toEqual([{ url: "https://syzkaller.appspot.com/x/bisect.txt?x=6", kind: "bisection-log" }]);
    expect(findLogLinks(text, ["evil.example"])).toEqual([{ url: "https://evil.example/user-attachments/files/3/bisect.txt", kind: "attachment" }]);
  });

  test("scanLogLinks finds refused links too, so they can be reported", () => {
    expect(scanLogLinks("http://syzkaller.appspot.com/x/bisect.txt?x=1 https://evil.example/x/log.txt?x=2")).toEqual([
      { url: "http://syzkaller.appspot.com/x/bisect.txt?x=1", kind: "bisection-log" },
      { url: "https://evil.example/x/log.txt?x=2", kind: "console-log" },
    ]);
  });

  // Their speed is measured by `npm run bench`; here, that hostile text gives a plain answer.
  test("hostile text gives a plain answer", () => {
    const hostile = [
      "http://a ".repeat(300_000),
      `https://${"(".repeat(2_000_000)}`,
      "https://".repeat(300_000),
      `${ATTACHMENT}${".".repeat(2_000_000)}`,
    ];
    expect(hostile.map((text) => findLogLinks(text, DEFAULT_FETCH_HOSTS).length)).toEqual([0, 0, 0, 0]);
  });
});
