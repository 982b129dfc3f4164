import { describe, expect, test } from "vitest";
import { dryRunFacts } from "../../src/cli/dry-run.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { decide } from "../../src/decide/decide.js";
import { bundledMaintainers } from "../../src/decide/maintainers-facts.js";
import { FIXTURES, parserFixtures } from "../helpers/fixtures.js";

// The comment the dry run writes for every parser fixture, compared exactly with
// test/fixtures/comments/<folder>/<name>.md. `npm run fixtures:update` rewrites them
// (vitest -u) so a deliberate change shows up as a diff to review.
// What a fresh install uses: the bundled Linux snapshot.
const maintainers = bundledMaintainers();
const issue = { repo: "Codertocat/Hello-World", number: 1, title: "", author: "alice" };

describe("golden comments", () => {
  const outcomes: Record<string, { labels: string[]; mentions: string[] }> = {};
  for (const fixture of parserFixtures()) {
    test(fixture.name, async () => {
      const facts = await dryRunFacts(fixture.text, { ok: true, config: DEFAULT_CONFIG }, issue, maintainers, { offline: true });
      const plan = decide(facts);
      outcomes[fixture.name] = plan.outcome;
      await expect(plan.comment?.body ?? "(no comment)\n").toMatchFileSnapshot(`${FIXTURES}comments/${fixture.name}.md`);
    });
  }
  test("labels and mentions of every fixture", async () => {
    await expect(`${JSON.stringify(outcomes, null, 1)}\n`).toMatchFileSnapshot(`${FIXTURES}comments/outcomes.json`);
  });
});
