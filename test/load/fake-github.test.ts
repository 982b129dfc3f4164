import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FakeGitHub } from "../../src/bench/fake-github/server.js";
import type { FakeRepo } from "../../src/bench/fake-github/world.js";

// The stand-in for GitHub is only worth what it answers: here, plain Octokit (no retries, no throttling)
// against it, for the behaviours the load tests and benches rely on.
let github: FakeGitHub;
let repo: FakeRepo;
let token: string;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const client = (auth: string) => new Octokit({ baseUrl: github.url, auth, log: quiet });

beforeAll(async () => {
  github = await FakeGitHub.start();
  repo = github.world.addRepo(7, "org", "linux", { MAINTAINERS: "THE REST\nM:\tLinus\n" });
  github.world.addRepo(8, "other", "linux");
  // An app's JWT is three base64url parts; the stand-in does not check the signature.
  const jwt = client("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2ln");
  token = (await jwt.rest.apps.createInstallationAccessToken({ installation_id: 7 })).data.token;
});
afterAll(async () => github.close());

const status = (promise: Promise<unknown>) => promise.then(() => 200, (err: { status?: number }) => err.status ?? "no status");

test("a token acts for its installation: it reads that installation's repositories only, and is counted under it", async () => {
  const since = github.requests.length;
  const octokit = client(token);
  expect(await status(octokit.rest.repos.getContent({ owner: "org", repo: "linux", path: "MAINTAINERS" }))).toBe(200);
  expect(await status(octokit.rest.repos.getContent({ owner: "other", repo: "linux", path: "MAINTAINERS" }))).toBe(404);
  expect(await status(client("ghs_unknown").rest.issues.get({ owner: "org", repo: "linux", issue_number: 1 }))).toBe(401);
  expect(github.counts({ since, installation: 7 }).requests).toBe(2);
});

test("comments come a page at a time with GitHub's Link header, and paginate follows it", async () => {
  const issue = github.world.openIssue(repo, { title: "t", body: "b", author: "org" });
  for (let i = 0; i < 150; i++) github.world.addComment(issue, { body: `c${i}`, user: github.world.user("someone") });
  const since = github.requests.length;
  const all = await client(token).paginate(client(token).rest.issues.listComments, { owner: "org", repo: "linux", issue_number: issue.number, per_page: 100 });
  expect(all.map((c) => c.body)).toEqual(issue.comments.map((c) => c.body));
  expect(github.counts({ since }).byRoute.comments).toBe(2);
});

test("the app's comments carry its bot user and performed_via_github_app; a second label of a name is 422 already_exists", async () => {
  const octokit = client(token);
  const issue = github.world.openIssue(repo, { title: "t", body: "b", author: "org" });
  const { data } = await octokit.rest.issues.createComment({ owner: "org", repo: "linux", issue_number: issue.number, body: "summary" });
  expect(data.user?.login).toBe("syztriage[bot]");
  expect(data.performed_via_github_app?.id).toBe(github.world.app.id);
  const label = { owner: "org", repo: "linux", name: "subsystem: mm", color: "1d76db" };
  expect(await status(octokit.rest.issues.createLabel(label))).toBe(200);
  const again = await octokit.rest.issues.createLabel({ ...label, name: "Subsystem: MM" }).catch((err: { status: number; response: { data: unknown } }) => err);
  expect(again).toMatchObject({ status: 422, response: { data: { errors: [{ resource: "Label", code: "already_exists", field: "name" }] } } });
});

test("a file is raw text with an ETag, and 304 when asked again with it", async () => {
  const octokit = client(token);
  const first = await octokit.rest.repos.getContent({ owner: "org", repo: "linux", path: "MAINTAINERS", mediaType: { format: "raw" } });
  expect(String(first.data)).toBe("THE REST\nM:\tLinus\n");
  const etag = first.headers.etag ?? "";
  expect(await status(octokit.rest.repos.getContent({ owner: "org", repo: "linux", path: "MAINTAINERS", headers: { "if-none-match": etag } }))).toBe(304);
});

describe("faults", () => {
  test("rate limits answer as GitHub's docs say: secondary with retry-after and its message, primary with remaining 0 and the reset", async () => {
    const octokit = client(token);
    github.inject({ path: /^\/search\/users$/, fault: { kind: "secondary", status: 403, retryAfterSeconds: 7 }, times: 1 });
    const secondary = await octokit.rest.search.users({ q: "a@b in:email" }).catch((err: { status: number; message: string; response: { headers: Record<string, string> } }) => err);
    expect(secondary).toMatchObject({ status: 403, response: { headers: { "retry-after": "7" } } });
    expect((secondary as { message: string }).message).toMatch(/\bsecondary rate\b/);
    const primary = github.inject({ installation: 7, fault: { kind: "primary", status: 429, resetInSeconds: 30 } });
    const refused = await octokit.rest.issues.get({ owner: "org", repo: "linux", issue_number: 1 }).catch((err: { status: number; response: { headers: Record<string, string> } }) => err);
    expect(refused).toMatchObject({ status: 429, response: { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(primary.resetEpochSeconds) } } });
    primary.remove();
    expect(await status(octokit.rest.issues.get({ owner: "org", repo: "linux", issue_number: 1 }))).toBe(200);
  });

  test("a 502 is GitHub's JSON error; a dropped connection and a server that is down have no status at all", async () => {
    const octokit = client(token);
    github.inject({ kind: "read", fault: { kind: "status", status: 502 }, times: 1 });
    expect(await octokit.rest.issues.get({ owner: "org", repo: "linux", issue_number: 1 }).catch((err: { status: number; response: { data: unknown } }) => err)).toMatchObject({ status: 502, response: { data: { message: "Server Error" } } });
    github.inject({ kind: "read", fault: { kind: "reset" }, times: 1 });
    // Octokit turns a request that got no answer into status 500.
    expect(await status(octokit.rest.issues.get({ owner: "org", repo: "linux", issue_number: 1 }))).toBe(500);
    await github.down();
    expect(await status(octokit.rest.issues.get({ owner: "org", repo: "linux", issue_number: 1 }))).toBe(500);
    await github.up();
    expect(await status(octokit.rest.issues.get({ owner: "org", repo: "linux", issue_number: 1 }))).toBe(200);
  });
});
