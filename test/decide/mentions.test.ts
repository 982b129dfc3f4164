import { describe, expect, test } from "vitest";
import { dryRunFacts } from "../../src/cli/dry-run.js";
import { type Config, ConfigSchema } from "../../src/config/schema.js";
import { analyseFacts, settle } from "../../src/decide/decide.js";
import { bundledMaintainers } from "../../src/decide/maintainers-facts.js";
import { EMPTY_STATE } from "../../src/state/index.js";
import { seed } from "../helpers/app-fixtures.js";
import { fixtureText } from "../helpers/fixtures.js";

const issue = { repo: "o/r", number: 1, title: "", author: "alice" };

/** Who the decision asks to act for `text` under `config`, with these logins already known from searches. */
async function people(text: string, config: Record<string, unknown>, logins: Record<string, string | null> = {}) {
  const cfg: Config = ConfigSchema.parse(config);
  const facts = { ...(await dryRunFacts(text, { ok: true, config: cfg }, issue, bundledMaintainers(), { offline: true })), logins: new Map(Object.entries(logins)) };
  return settle(facts, analyseFacts(facts, cfg), EMPTY_STATE, 0, cfg).people;
}

describe("who is asked to act", () => {
  test("the culprit's author first, then the report's people; searches go no further than the cap can use", async () => {
    const out = await people(seed, { mentions: { max: 2, users: { "hch@lst.de": "hch" } } });
    expect(out.mentioned.map((p) => p.login)).toEqual(["hch"]);
    // One login is known: one more can be mentioned, so one search, for the author.
    expect(out.toSearch).toEqual(["ming.lei@redhat.com"]);
  });

  test("what earlier searches found is used, and nobody is searched twice", async () => {
    const out = await people(seed, { mentions: { max: 3 } }, { "ming.lei@redhat.com": "ming", "axboe@kernel.dk": null });
    expect(out.mentioned.map((p) => [p.login, p.role])).toEqual([["ming", "author"]]);
    expect(out.toSearch).toEqual(["hch@lst.de", "tj@kernel.org"]);
    expect(out.unfound.map((p) => p.email)).toContain("axboe@kernel.dk");
  });

  test("mailing lists are listed apart and never searched", async () => {
    const email = fixtureText("constructed/email-bisected-cause.txt");
    const out = await people(email, { mentions: { when: "always" } });
    expect(out.lists).toEqual(["linux-block@vger.kernel.org", "linux-kernel@vger.kernel.org", "syzkaller-bugs@googlegroups.com"]);
    expect(out.toSearch.filter((e) => out.lists.includes(e))).toEqual([]);
  });

  test("mentions.maintainers asks the maintainers of the files the labels come from, after the author", async () => {
    const out = await people(seed, { mentions: { maintainers: true, lookup: false, users: { "dennis@kernel.org": "dennisszhou", "ming.lei@redhat.com": "ming" } } });
    expect(out.mentioned.map((p) => [p.login, p.role])).toEqual([
      ["ming", "author"],
      ["dennisszhou", "maintainer"],
    ]);
  });

  test("an unreliable bisection's people are named with the reason, not mentioned, not searched", async () => {
    const out = await people(fixtureText("logs/2022-merge-culprit.txt"), {});
    expect(out.mentioned).toEqual([]);
    expect(out.toSearch).toEqual([]);
    expect(out.reasons).toEqual(["the bisection looks unreliable"]);
    expect(out.withheld.map((p) => p.email)).toContain("torvalds@linux-foundation.org");
  });
});
