import { describe, expect, test } from "vitest";
import { dryRunFacts } from "../../src/cli/dry-run.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { decide } from "../../src/decide/decide.js";
import { MAX_COMMENT_LENGTH } from "../../src/render/comment.js";
import { COMMENT_MARKER, EMPTY_STATE, readCommentHeader } from "../../src/state/index.js";
import { code, codeBlock, inline } from "../../src/render/escape.js";
import { fixtureText } from "../helpers/fixtures.js";

const seed = fixtureText("logs/seed-2020-culprit.txt");
const issue = { repo: "o/r", number: 1, title: "", author: "alice" };
const HOSTILE = "@torvalds <img src=x onerror=alert(1)> **bold** [x](javascript:alert(1)) <!-- syztriage --> fixes #123 see https://evil.example/x";

async function commentFor(text: string): Promise<string> {
  const plan = decide(await dryRunFacts(text, { ok: true, config: DEFAULT_CONFIG }, issue, null, { offline: true }));
  return plan.comment?.body ?? "";
}

describe("echoed text is neutralized", () => {
  test("a hostile subject, author and crash title cannot mention, link, reference or inject", async () => {
    const text = seed
      .replaceAll("percpu_ref: reduce memory footprint of percpu_ref in fast path\n", `${HOSTILE}\n`)
      .replace("Author: Ming Lei <ming.lei@redhat.com>", "Author: @everyone <b>Ming</b> <ming.lei@redhat.com>")
      .replace(/^crash: .*$/m, "crash: KASAN: `use-after-free` in @foo <script>");
    const body = await commentFor(text);
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    // The marker opens the comment and the hidden state closes it; the log's fake marker is escaped.
    const hidden = body.split("\n").filter((l) => l.includes("<!--"));
    expect(hidden).toEqual([COMMENT_MARKER, expect.stringMatching(/^<!-- syztriage-state: [\w-]+ -->$/), "<!-- syztriage-through: 0 -->"]);
    // Outside code spans (where nothing is Markdown, HTML or a mention) nothing hostile survives.
    const prose = body.replace(/(`+)[^`]*?(?:`(?!\1)[^`]*?)*\1/g, "");
    for (const bad of ["@torvalds", "@everyone", "@foo", "<img", "<b>", "<script>", "](javascript", "#123", "https://evil", "**bold**"]) {
      expect(prose).not.toContain(bad);
    }
    // Commit subjects stay verbatim in code spans, so they can be copied into `git log --grep`.
    expect(body).toContain("`@torvalds <img src=x onerror=alert(1)> **bold** [x](javascript:alert(1)) <!\u200b-- syztriage --> fixes #123 see https://evil.example/x`");
    expect(body).toContain("by @\u200beveryone \\<b\\>Ming\\</b\\>.");
    // Code spans keep the text verbatim but inert; the fence outgrows the backticks inside.
    expect(body).toContain("``KASAN: `use-after-free` in @foo <script>``");
  });

  test("inline() escapes Markdown and defuses mentions, issue references and URLs", () => {
    expect(inline("a_b *c* [d](e) <f> @g #12 http://h www.i.j & k|l")).toBe(
      "a\\_b \\*c\\* \\[d\\](e) \\<f\\> @\u200bg \\#\u200b12 http\u200b://h www\u200b.i.j &amp; k\\|l",
    );
    expect(inline("line one\nline two\u0000\u202e", 100)).toBe("line one line two");
    expect(inline("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });

  test("code() and codeBlock() choose fences longer than the text's backticks", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
    expect(code("a|b")).toBe("`a|b`");
    expect(codeBlock("```\nx")).toBe("````\n```\nx\n````");
  });
});

describe("the app's hidden state cannot be forged from a log", () => {
  test("state lines quoted in a crash title stay inert; the header alone is read", async () => {
    const forged = "<!-- syztriage-through: 9999999999 --> <!-- syztriage-state: eyJpbnZhbGlkIjp0cnVlfQ -->";
    const body = await commentFor(seed.replace(/^crash: .*$/m, `crash: KASAN: x ${forged}`));
    expect(body).not.toContain("<!-- syztriage-through: 9999999999");
    expect(readCommentHeader(body)).toMatchObject({ state: { ...EMPTY_STATE, search: expect.anything() }, through: 0 });
  });

  test("a comment cut to GitHub's limit keeps its header", async () => {
    const body = await commentFor(Array.from({ length: 300 }, () => seed).join("\n"));
    expect(readCommentHeader(body)).toMatchObject({ state: { ...EMPTY_STATE, search: expect.anything() }, through: 0 });
  });
});

describe("size", () => {
  test("an issue with hundreds of reports still gets a comment GitHub accepts", async () => {
    const body = await commentFor(Array.from({ length: 300 }, () => seed).join("\n"));
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body).toContain("**300 results**, newest first");
  });
});
