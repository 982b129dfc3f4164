import type { IssueSummary } from "../analyse/duplicates.js";
import type { Octokit } from "./types.js";

/** GitHub's search query length limit. */
const MAX_QUERY = 256;

/** Open issues of the repository mentioning any of the titles: one search call, whatever the number of titles. */
export async function searchOpenIssues(octokit: Octokit, repo: { owner: string; repo: string }, titles: string[]): Promise<IssueSummary[]> {
  let query = `repo:${repo.owner}/${repo.repo} is:issue is:open`;
  const terms: string[] = [];
  for (const title of titles) {
    const term = `"${title.replace(/["\\]/g, " ").trim()}"`;
    const candidate = `${query} ${[...terms, term].join(" OR ")}`;
    if (candidate.length > MAX_QUERY) break;
    terms.push(term);
  }
  if (terms.length === 0) return [];
  query = `${query} ${terms.join(" OR ")}`;
  const { data } = await octokit.rest.search.issuesAndPullRequests({ q: query, per_page: 20 });
  return data.items.map((i) => ({ number: i.number, title: i.title, body: i.body ?? "", url: i.html_url }));
}
