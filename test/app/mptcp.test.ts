import { expect, test } from "vitest";
import { FIXTURES, fixtureText } from "../helpers/fixtures.js";
import {
  commitResponse,
  github,
  nockAddsLabels,
  nockCreatesComment,
  nockIssueSearch,
  nockTriageStart,
  payload,
  REPO_PATH,
  strictProbot,
  SUBSYSTEM_LABEL,
  useNock,
} from "../helpers/probot.js";

// The first team that files syzbot's reports as GitHub issues: multipath-tcp/mptcp_net-next, whose
// issues are titled like syzbot's subjects and hold the report as a Markdown list with a
// `Bisected to: commit <sha>` line (test/fixtures/pasted/mptcp-537-markdown-bisected.txt is #537's
// description). Their repository is a kernel tree: it holds the culprit, so its files come from there.
const report = fixtureText("pasted/mptcp-537-markdown-bisected.txt");
const TITLE = "[syzkaller] WARNING in `__mptcp_clean_una` (2)";
const CULPRIT = "3f83d8a77eeeb47011b990fd766a421ee64f1d73";

useNock();

test("an mptcp-style issue is labelled from the culprit's files in the tree, named by its title, and linked", async () => {
  const { probot } = await strictProbot();
  const bodies: string[] = [];
  let query = "";
  const scope = nockTriageStart(github(), { config: null, comments: [] });
  // GitHub's answer for the commit is a stand-in: the issue names only its hash.
  scope
    .get(`${REPO_PATH}/commits/${CULPRIT}`)
    .query({ per_page: "100" })
    .reply(200, commitResponse(CULPRIT, { subject: "mptcp: stand-in subject of the bisected commit", name: "A Developer", email: "dev@example.org", files: [["net/mptcp/protocol.c", 24]] }))
    .get(`${REPO_PATH}/contents/MAINTAINERS`)
    .reply(404);
  nockIssueSearch(scope, [], (q) => {
    query = String(q.q);
    return true;
  });
  nockAddsLabels(scope, [{ name: "subsystem: mptcp", description: SUBSYSTEM_LABEL }]);
  nockCreatesComment(scope, 70, { record: bodies });
  await probot.receive(payload("issues.opened", { body: report, issue: { title: TITLE } }));
  expect(scope.pendingMocks()).toEqual([]);
  // The crash is named only in the issue's title: the duplicate search looks for it.
  expect(query).toBe('repo:Codertocat/Hello-World is:issue is:open "WARNING in __mptcp_clean_una (2)"');
  await expect(bodies[0]).toMatchFileSnapshot(`${FIXTURES}comments/app/mptcp-537.md`);
});

test("when the tree says the bisected commit is a merge, its files label nothing, nobody is asked, and no Fixes: is offered", async () => {
  const { probot } = await strictProbot();
  const bodies: string[] = [];
  const scope = nockTriageStart(github(), { config: null, comments: [] });
  scope
    .get(`${REPO_PATH}/commits/${CULPRIT}`)
    .query({ per_page: "100" })
    .reply(
      200,
      commitResponse(CULPRIT, {
        subject: "Merge branch 'stand-in' into export",
        name: "A Maintainer",
        email: "maint@example.org",
        files: [["net/mptcp/protocol.c", 24]],
        parents: ["1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"],
      }),
    )
    .get(`${REPO_PATH}/contents/MAINTAINERS`)
    .reply(404);
  nockIssueSearch(scope, []);
  nockCreatesComment(scope, 71, { record: bodies });
  await probot.receive(payload("issues.opened", { body: report, issue: { title: TITLE } }));
  expect(scope.pendingMocks()).toEqual([]);
  const body = bodies[0] ?? "";
  expect(body).toContain("**Doubtful culprit:** [`3f83d8a77eee`](https://github.com/Codertocat/Hello-World/commit/3f83d8a77eeeb47011b990fd766a421ee64f1d73) `Merge branch 'stand-in' into export` by A Maintainer: the culprit is a merge commit, and the report states the result without its bisection log.");
  expect(body).toContain("**No subsystem label:** the culprit is a merge commit, and the text has no report of the bug's own crash.");
  expect(body).not.toContain("Fixes:");
  expect(body).not.toMatch(/(^|\s)@\w/m);
});
