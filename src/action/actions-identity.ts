import type { ProbotOctokit } from "probot";

/**
 * Who the app is when it runs in a workflow: GITHUB_TOKEN acts as GitHub's "github-actions" app (id 15368,
 * as `performed_via_github_app` shows on what it writes), and `GET /app`, which the app asks to find its
 * own comment, needs an app's key, which a workflow does not have. This answers it with that identity, or
 * with the app whose token the workflow passes instead.
 */
export const ACTIONS_APP = { id: 15368, slug: "github-actions" };

export function withActionsIdentity(Octokit: typeof ProbotOctokit, app: { id: number; slug: string }): typeof ProbotOctokit {
  return Octokit.plugin((octokit) => {
    octokit.hook.wrap("request", async (request, options) => {
      if (options.method === "GET" && options.url === "/app") return { status: 200, url: options.url, headers: {}, data: { ...app, name: app.slug } };
      return request(options);
    });
  });
}
