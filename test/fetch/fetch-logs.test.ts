import nock from "nock";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_FETCH_HOSTS, FetchCache, fetchLogs, scanLogLinks } from "../../src/fetch/index.js";

const HOSTS = DEFAULT_FETCH_HOSTS;
const LOG = "bisecting cause commit starting from 3a5879d495b2\n";
const ATTACHMENT = "https://github.com/user-attachments/files/17345678/bisect.txt";
const SIGNED = "https://objects.githubusercontent.com/github-production-repository-file-5c1aeb/17345678/bisect.txt?sig=1";

beforeEach(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("fetchLogs", () => {
  test("an attached log is found and fetched through GitHub's redirect", async () => {
    nock("https://github.com").get("/user-attachments/files/17345678/bisect.txt").reply(302, "", { Location: SIGNED });
    nock("https://objects.githubusercontent.com").get("/github-production-repository-file-5c1aeb/17345678/bisect.txt").query({ sig: "1" }).reply(200, LOG);
    expect(await fetchLogs(scanLogLinks(`Bisection log: [bisect.txt](${ATTACHMENT})`), { hosts: HOSTS })).toEqual({
      fetched: [{ url: ATTACHMENT, kind: "attachment", result: { ok: true, text: LOG, truncated: false, finalUrl: SIGNED } }],
      skipped: [],
    });
  });

  test("the first maxLinks allowed links are fetched; refused and surplus links are reported, unrequested", async () => {
    const syzbot = nock("https://syzkaller.appspot.com");
    for (const x of ["1", "2"]) syzbot.get("/x/bisect.txt").query({ x }).reply(200, `log ${x}\n`);
    const surplus = syzbot.get("/x/log.txt").query({ x: "3" }).reply(200, "never");
    const evil = nock("https://evil.example").get("/x/report.txt").query(true).reply(200, "never");
    const text = [
      "http://syzkaller.appspot.com/x/bisect.txt?x=0",
      "https://syzkaller.appspot.com/x/bisect.txt?x=1",
      "https://evil.example/x/report.txt?x=9",
      "https://syzkaller.appspot.com/x/bisect.txt?x=2",
      "https://syzkaller.appspot.com/x/log.txt?x=3",
    ].join("\n");
    expect(await fetchLogs(scanLogLinks(text), { hosts: HOSTS, maxLinks: 2 })).toEqual({
      fetched: [
        {
          url: "https://syzkaller.appspot.com/x/bisect.txt?x=1",
          kind: "bisection-log",
          result: { ok: true, text: "log 1\n", truncated: false, finalUrl: "https://syzkaller.appspot.com/x/bisect.txt?x=1" },
        },
        {
          url: "https://syzkaller.appspot.com/x/bisect.txt?x=2",
          kind: "bisection-log",
          result: { ok: true, text: "log 2\n", truncated: false, finalUrl: "https://syzkaller.appspot.com/x/bisect.txt?x=2" },
        },
      ],
      skipped: [
        { url: "http://syzkaller.appspot.com/x/bisect.txt?x=0", kind: "bisection-log", reason: "not https" },
        { url: "https://evil.example/x/report.txt?x=9", kind: "crash-report", reason: "host not allowed: evil.example" },
        { url: "https://syzkaller.appspot.com/x/log.txt?x=3", kind: "console-log", reason: "over the limit of 2 links" },
      ],
    });
    expect(surplus.isDone()).toBe(false);
    expect(evil.isDone()).toBe(false);
  });

  test("the default limit is three links", async () => {
    const syzbot = nock("https://syzkaller.appspot.com");
    for (const x of ["1", "2", "3"]) syzbot.get("/x/bisect.txt").query({ x }).reply(200, LOG);
    const text = ["1", "2", "3", "4"].map((x) => `https://syzkaller.appspot.com/x/bisect.txt?x=${x}`).join(" ");
    const { fetched, skipped } = await fetchLogs(scanLogLinks(text), { hosts: HOSTS });
    expect(fetched.map((log) => log.result.ok)).toEqual([true, true, true]);
    expect(skipped).toEqual([{ url: "https://syzkaller.appspot.com/x/bisect.txt?x=4", kind: "bisection-log", reason: "over the limit of 3 links" }]);
  });

  test("failures come back per link, next to successes", async () => {
    nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query({ x: "1" }).reply(404).get("/x/report.txt").query({ x: "2" }).reply(200, LOG);
    const { fetched } = await fetchLogs(scanLogLinks("https://syzkaller.appspot.com/x/bisect.txt?x=1 https://syzkaller.appspot.com/x/report.txt?x=2"), { hosts: HOSTS });
    expect(fetched.map((log) => log.result)).toEqual([
      { ok: false, error: "HTTP 404", transient: false },
      { ok: true, text: LOG, truncated: false, finalUrl: "https://syzkaller.appspot.com/x/report.txt?x=2" },
    ]);
  });

  test("with a cache, an edited text does not fetch its links again", async () => {
    nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query({ x: "1" }).once().reply(200, LOG);
    const options = { hosts: HOSTS, cache: new FetchCache() };
    const first = await fetchLogs(scanLogLinks("log: https://syzkaller.appspot.com/x/bisect.txt?x=1"), options);
    const edited = await fetchLogs(scanLogLinks("edited, log: https://syzkaller.appspot.com/x/bisect.txt?x=1"), options);
    expect(edited).toEqual(first);
    expect(edited.fetched[0]?.result.ok).toBe(true);
  });

  test("text without log links fetches nothing", async () => {
    expect(await fetchLogs(scanLogLinks("no links here, https://example.com/ aside"), { hosts: HOSTS })).toEqual({ fetched: [], skipped: [] });
  });
});
