import nock from "nock";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_FETCH_HOSTS, FetchCache, fetchCached } from "../../src/fetch/index.js";

const HOSTS = DEFAULT_FETCH_HOSTS;
const URL_1 = "https://syzkaller.appspot.com/x/bisect.txt?x=1";
const LOG = "bisecting cause commit starting from 3a5879d495b2\n";

function fetched(text: string) {
  return { ok: true as const, text, truncated: false, finalUrl: URL_1 };
}

beforeEach(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("fetchCached", () => {
  test("a second fetch of the same URL is served from the cache, without a request", async () => {
    const scope = nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query({ x: "1" }).once().reply(200, LOG);
    const cache = new FetchCache();
    const first = await fetchCached(URL_1, { hosts: HOSTS }, cache);
    expect(first).toEqual({ ok: true, text: LOG, truncated: false, finalUrl: URL_1 });
    expect(scope.isDone()).toBe(true);
    // No interceptor is left: a request now would fail with a network error.
    expect(await fetchCached(URL_1, { hosts: HOSTS }, cache)).toEqual(first);
  });

  test("failures are not cached: the next event tries again", async () => {
    nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query({ x: "1" }).reply(503, "busy");
    nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query({ x: "1" }).reply(200, LOG);
    const cache = new FetchCache();
    expect(await fetchCached(URL_1, { hosts: HOSTS }, cache)).toEqual({ ok: false, error: "HTTP 503", transient: true });
    expect(await fetchCached(URL_1, { hosts: HOSTS }, cache)).toMatchObject({ ok: true, text: LOG });
  });

  test("the allowlist is checked before the cache", async () => {
    nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query({ x: "1" }).reply(200, LOG);
    const cache = new FetchCache();
    await fetchCached(URL_1, { hosts: HOSTS }, cache);
    expect(await fetchCached(URL_1, { hosts: ["github.com"] }, cache)).toEqual({ ok: false, error: "host not allowed: syzkaller.appspot.com", transient: false });
  });

  test("scopes do not share entries: one repository's private attachment is not served to another", async () => {
    const scope = nock("https://syzkaller.appspot.com").get("/x/bisect.txt").query({ x: "1" }).twice().reply(200, LOG);
    const cache = new FetchCache();
    await fetchCached(URL_1, { hosts: HOSTS, cacheScope: "a/one" }, cache);
    await fetchCached(URL_1, { hosts: HOSTS, cacheScope: "b/two" }, cache);
    expect(scope.isDone()).toBe(true);
  });
});

describe("FetchCache", () => {
  test("keeps at most maxEntries, forgetting the least recently used", () => {
    const cache = new FetchCache({ maxEntries: 2 });
    cache.set("a", fetched("A"));
    cache.set("b", fetched("B"));
    cache.get("a");
    cache.set("c", fetched("C"));
    expect([cache.get("a")?.text, cache.get("b")?.text, cache.get("c")?.text]).toEqual(["A", undefined, "C"]);
  });

  test("keeps at most maxTotalLength characters, and never one text longer than that", () => {
    const cache = new FetchCache({ maxTotalLength: 10 });
    cache.set("a", fetched("aaaa"));
    cache.set("b", fetched("bbbb"));
    cache.set("c", fetched("cccc"));
    expect([cache.get("a"), cache.get("b")?.text, cache.get("c")?.text]).toEqual([undefined, "bbbb", "cccc"]);
    cache.set("huge", fetched("x".repeat(11)));
    expect([cache.get("huge"), cache.get("b")?.text, cache.get("c")?.text]).toEqual([undefined, "bbbb", "cccc"]);
  });

  test("replacing an entry does not count it twice", () => {
    const cache = new FetchCache({ maxTotalLength: 8 });
    cache.set("a", fetched("aaaa"));
    cache.set("a", fetched("AAAA"));
    cache.set("b", fetched("bbbb"));
    expect([cache.get("a")?.text, cache.get("b")?.text]).toEqual(["AAAA", "bbbb"]);
  });

  test("entries expire after ttlMs", () => {
    let now = 0;
    const cache = new FetchCache({ ttlMs: 1000, now: () => now });
    cache.set("a", fetched("A"));
    now = 1000;
    expect(cache.get("a")?.text).toBe("A");
    now = 1001;
    expect(cache.get("a")).toBeUndefined();
  });
});
