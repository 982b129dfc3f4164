import nock from "nock";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_FETCH_HOSTS, fetchText } from "../../src/fetch/index.js";

const HOSTS = DEFAULT_FETCH_HOSTS;
const LOG = "bisecting cause commit starting from 3a5879d495b2\nbuilding syzkaller on 1a2b3c4d\n";

beforeEach(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("fetchText", () => {
  test("a log is fetched whole", async () => {
    const scope = nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query({ x: "17f1f7a5980000" }).reply(200, LOG);
    expect(await fetchText("https://syzkaller.appspot.com/x/bisect.txt?x=17f1f7a5980000", { hosts: HOSTS })).toEqual({
      ok: true,
      text: LOG,
      truncated: false,
      finalUrl: "https://syzkaller.appspot.com/x/bisect.txt?x=17f1f7a5980000",
    });
    expect(scope.isDone()).toBe(true);
  });

  test("a host off the allowlist is refused without a request", async () => {
    const scope = nock("https://evil.example").get("/bisect.txt").reply(200, LOG);
    expect(await fetchText("https://evil.example/bisect.txt", { hosts: HOSTS })).toEqual({ ok: false, error: "host not allowed: evil.example", transient: false });
    expect(scope.isDone()).toBe(false);
  });

  test("http is refused without a request", async () => {
    const scope = nock("http://syzkaller.appspot.com").get("/x/bisect.txt").query(true).reply(200, LOG);
    expect(await fetchText("http://syzkaller.appspot.com/x/bisect.txt?x=1", { hosts: HOSTS })).toEqual({ ok: false, error: "not https", transient: false });
    expect(scope.isDone()).toBe(false);
  });

  test("text that is no URL is refused", async () => {
    expect(await fetchText("not a url", { hosts: HOSTS })).toEqual({ ok: false, error: "invalid URL", transient: false });
  });

  test("a body over the cap is cut at the last whole line and marked truncated", async () => {
    nock("https://syzkaller.appspot.com").get("/x/log.txt").query(true).reply(200, "line one\nline two\nline three\n");
    expect(await fetchText("https://syzkaller.appspot.com/x/log.txt?x=1", { hosts: HOSTS, maxBytes: 14 })).toEqual({
      ok: true,
      text: "line one\n",
      truncated: true,
      finalUrl: "https://syzkaller.appspot.com/x/log.txt?x=1",
    });
  });

  test("a streamed body is decoded across chunks, and cancelled at the cap", async () => {
    const bytes = new TextEncoder().encode("caf\u00e9 one\nline two\nline three\nline four\n");
    // The first cut splits "é" in two, the third falls inside "line three".
    const chunks = [bytes.subarray(0, 4), bytes.subarray(4, 10), bytes.subarray(10, 23), bytes.subarray(23)];
    let pulled = 0;
    let cancelled = false;
    const streamed: typeof fetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            const chunk = chunks[pulled++];
            if (chunk) controller.enqueue(chunk);
            else controller.close();
          },
          cancel() {
            cancelled = true;
          },
        }),
      );
    expect(await fetchText("https://syzkaller.appspot.com/x/log.txt?x=1", { hosts: HOSTS, fetch: streamed, maxBytes: 22 })).toEqual({
      ok: true,
      text: "caf\u00e9 one\nline two\n",
      truncated: true,
      finalUrl: "https://syzkaller.appspot.com/x/log.txt?x=1",
    });
    expect(cancelled).toBe(true);
  });

  test("a body of exactly the cap is whole", async () => {
    nock("https://syzkaller.appspot.com").get("/x/log.txt").query(true).reply(200, "0123456789");
    expect(await fetchText("https://syzkaller.appspot.com/x/log.txt?x=1", { hosts: HOSTS, maxBytes: 10 })).toMatchObject({ ok: true, text: "0123456789", truncated: false });
  });

  test("slow headers time out", async () => {
    nock("https://syzkaller.appspot.com").get("/x/log.txt").query(true).delay(500).reply(200, LOG);
    expect(await fetchText("https://syzkaller.appspot.com/x/log.txt?x=1", { hosts: HOSTS, timeoutMs: 50 })).toEqual({ ok: false, error: "timeout", transient: true });
  });

  test("a slow body times out too: the timeout covers the whole fetch", async () => {
    nock("https://syzkaller.appspot.com").get("/x/log.txt").query(true).delayBody(500).reply(200, LOG);
    expect(await fetchText("https://syzkaller.appspot.com/x/log.txt?x=1", { hosts: HOSTS, timeoutMs: 50 })).toEqual({ ok: false, error: "timeout", transient: true });
  });

  test("an error status is a short error", async () => {
    nock("https://github.com").get("/user-attachments/files/1/bisect.txt").reply(404, "Not Found");
    expect(await fetchText("https://github.com/user-attachments/files/1/bisect.txt", { hosts: HOSTS })).toEqual({ ok: false, error: "HTTP 404", transient: false });
  });

  test("a server failing or asking to slow down may answer later; a missing, gone or forbidden log will not", async () => {
    const statuses = [500, 502, 503, 504, 429, 404, 410, 403, 401];
    for (const status of statuses) nock("https://github.com").get(`/user-attachments/files/${status}/bisect.txt`).reply(status, "");
    const results = [];
    for (const status of statuses) results.push(await fetchText(`https://github.com/user-attachments/files/${status}/bisect.txt`, { hosts: HOSTS }));
    expect(results.map((r) => (r.ok ? "ok" : `${r.error}: ${r.transient ? "transient" : "final"}`))).toEqual([
      "HTTP 500: transient",
      "HTTP 502: transient",
      "HTTP 503: transient",
      "HTTP 504: transient",
      "HTTP 429: transient",
      "HTTP 404: final",
      "HTTP 410: final",
      "HTTP 403: final",
      "HTTP 401: final",
    ]);
  });

  test("a connection failure is a short error with the system code", async () => {
    nock("https://github.com").get("/user-attachments/files/1/bisect.txt").replyWithError(Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" }));
    expect(await fetchText("https://github.com/user-attachments/files/1/bisect.txt", { hosts: HOSTS })).toEqual({ ok: false, error: "network error (ECONNREFUSED)", transient: true });
  });

  test("a redirect to an allowed host is followed", async () => {
    const signed = "https://objects.githubusercontent.com/github-production-repository-file-5c1aeb/1/bisect.txt?X-Amz-Signature=abc";
    nock("https://github.com").get("/user-attachments/files/1/bisect.txt").reply(302, "", { Location: signed });
    nock("https://objects.githubusercontent.com").get("/github-production-repository-file-5c1aeb/1/bisect.txt").query({ "X-Amz-Signature": "abc" }).reply(200, LOG);
    expect(await fetchText("https://github.com/user-attachments/files/1/bisect.txt", { hosts: HOSTS })).toEqual({ ok: true, text: LOG, truncated: false, finalUrl: signed });
  });

  test("a relative redirect stays on the host", async () => {
    nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query(true).reply(301, "", { Location: "/text?tag=Log&x=1" });
    nock("https://syzkaller.appspot.com").get("/text").query({ tag: "Log", x: "1" }).reply(200, LOG);
    expect(await fetchText("https://syzkaller.appspot.com/x/bisect.txt?x=1", { hosts: HOSTS })).toMatchObject({ ok: true, text: LOG, finalUrl: "https://syzkaller.appspot.com/text?tag=Log&x=1" });
  });

  test("a redirect to a host off the allowlist is refused without a request to it", async () => {
    nock("https://github.com").get("/user-attachments/files/1/bisect.txt").reply(302, "", { Location: "https://169.254.169.254/latest/meta-data/" });
    const target = nock("https://169.254.169.254").get("/latest/meta-data/").reply(200, "secret");
    expect(await fetchText("https://github.com/user-attachments/files/1/bisect.txt", { hosts: HOSTS })).toEqual({
      ok: false,
      error: "redirect to a host that is not allowed: 169.254.169.254",
      transient: false,
    });
    expect(target.isDone()).toBe(false);
  });

  test("a redirect to http is refused without a request to it", async () => {
    nock("https://github.com").get("/user-attachments/files/1/bisect.txt").reply(307, "", { Location: "http://objects.githubusercontent.com/1" });
    const target = nock("http://objects.githubusercontent.com").get("/1").reply(200, LOG);
    expect(await fetchText("https://github.com/user-attachments/files/1/bisect.txt", { hosts: HOSTS })).toEqual({ ok: false, error: "redirect to a URL that is not https", transient: false });
    expect(target.isDone()).toBe(false);
  });

  test("five redirects are followed, a sixth is refused", async () => {
    const scope = nock("https://syzkaller.appspot.com");
    for (let hop = 0; hop < 5; hop++) scope.get(`/hop${hop}`).reply(302, "", { Location: `/hop${hop + 1}` });
    scope.get("/hop5").reply(200, LOG);
    expect(await fetchText("https://syzkaller.appspot.com/hop0", { hosts: HOSTS })).toMatchObject({ ok: true, finalUrl: "https://syzkaller.appspot.com/hop5" });

    for (let hop = 0; hop < 6; hop++) scope.get(`/hop${hop}`).reply(302, "", { Location: `/hop${hop + 1}` });
    const seventh = scope.get("/hop6").reply(200, LOG);
    expect(await fetchText("https://syzkaller.appspot.com/hop0", { hosts: HOSTS })).toEqual({ ok: false, error: "too many redirects", transient: false });
    expect(seventh.isDone()).toBe(false);
  });

  test("a redirect without a location is an error", async () => {
    nock("https://github.com").get("/user-attachments/files/1/bisect.txt").reply(302, "");
    expect(await fetchText("https://github.com/user-attachments/files/1/bisect.txt", { hosts: HOSTS })).toEqual({ ok: false, error: "redirect without a valid location", transient: false });
  });

  test("headers are chosen per hop: the token goes to github.com, not to the storage host", async () => {
    const signed = "https://objects.githubusercontent.com/1/bisect.txt";
    nock("https://github.com", { reqheaders: { authorization: "token t0k3n", "user-agent": "syztriage" } })
      .get("/user-attachments/files/1/bisect.txt")
      .reply(302, "", { Location: signed });
    nock("https://objects.githubusercontent.com", { badheaders: ["authorization"] }).get("/1/bisect.txt").reply(200, LOG);
    const headers = (url: URL): Record<string, string> => (url.host === "github.com" ? { authorization: "token t0k3n" } : {});
    expect(await fetchText("https://github.com/user-attachments/files/1/bisect.txt", { hosts: HOSTS, headers })).toMatchObject({ ok: true, text: LOG });
  });

  test("an injected fetch is used", async () => {
    const requested: string[] = [];
    const fake: typeof fetch = async (input) => {
      requested.push(String(input));
      return new Response("injected\n");
    };
    expect(await fetchText("https://syzkaller.appspot.com/x/log.txt?x=1", { hosts: HOSTS, fetch: fake })).toMatchObject({ ok: true, text: "injected\n" });
    expect(requested).toEqual(["https://syzkaller.appspot.com/x/log.txt?x=1"]);
  });

  test("a fetch that throws is a result, not an exception", async () => {
    const broken: typeof fetch = () => {
      throw new TypeError("boom");
    };
    expect(await fetchText("https://syzkaller.appspot.com/x/log.txt?x=1", { hosts: HOSTS, fetch: broken })).toEqual({ ok: false, error: "network error", transient: true });
  });
});
