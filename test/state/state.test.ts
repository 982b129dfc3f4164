import { Buffer } from "node:buffer";
import { describe, expect, test } from "vitest";
import { applyCommands, MAX_SUBSYSTEMS, MAX_TITLE_LENGTH, parseCommands, type AuthoredCommand } from "../../src/commands/index.js";
import { decodeState, EMPTY_STATE, encodeState, type IssueState, MAX_FOUND_TITLE, MAX_HISTORY, MAX_MENTIONED, MAX_RECORDED_LABELS } from "../../src/state/index.js";

const AT = "2025-07-14T09:30:00Z";

function authored(text: string, by = "maintainer", at = AT): AuthoredCommand[] {
  return parseCommands(text).map((command) => ({ command, by, at }));
}

function forged(json: unknown): string {
  return `<!-- syztriage-state: ${Buffer.from(JSON.stringify(json)).toString("base64url")} -->`;
}

describe("applyCommands", () => {
  test("each command sets its field and is recorded", () => {
    const state = applyCommands(EMPTY_STATE, authored("#syz set subsystems: mm, xfs\n#syz dup: #12\n#syz invalid\n#syz fix: mm: fix it\n#syztriage culprit 0123456789AB"));
    expect(state).toEqual({
      ...EMPTY_STATE,
      culprit: "0123456789ab",
      subsystems: ["mm", "xfs"],
      duplicateOf: "#12",
      invalid: true,
      fixCommit: "mm: fix it",
      history: [
        { kind: "set-subsystems", value: "mm, xfs", by: "maintainer", at: AT },
        { kind: "dup", value: "#12", by: "maintainer", at: AT },
        { kind: "invalid", value: null, by: "maintainer", at: AT },
        { kind: "fix", value: "mm: fix it", by: "maintainer", at: AT },
        { kind: "culprit", value: "0123456789ab", by: "maintainer", at: AT },
      ],
    });
  });

  test("later commands override earlier ones; undup clears the duplicate", () => {
    const first = applyCommands(EMPTY_STATE, authored("#syz dup: WARNING in foo\n#syz fix: first\n#syz set subsystems: mm", "alice"));
    const second = applyCommands(first, authored("#syz undup\n#syz fix: second\n#syz set subsystems: net", "bob", "2025-07-15T10:00:00Z"));
    expect(second).toMatchObject({ subsystems: ["net"], duplicateOf: null, invalid: false, fixCommit: "second" });
    expect(second.history.map((entry) => `${entry.by} ${entry.kind}`)).toEqual([
      "alice dup",
      "alice fix",
      "alice set-subsystems",
      "bob undup",
      "bob fix",
      "bob set-subsystems",
    ]);
  });

  test("retriage, unknown, unsupported and erroneous commands change nothing", () => {
    const commands = authored("#syztriage retriage\n#syz frobnicate\n#syz test\n#syz fix:\n#syz set subsystems: bad/name");
    expect(commands).toHaveLength(5);
    expect(applyCommands(EMPTY_STATE, commands)).toEqual(EMPTY_STATE);
  });

  test("the input state is not modified", () => {
    const before = structuredClone(EMPTY_STATE);
    applyCommands(EMPTY_STATE, authored("#syz invalid\n#syz set subsystems: mm"));
    expect(EMPTY_STATE).toEqual(before);
  });

  test(`history keeps the last ${MAX_HISTORY} entries`, () => {
    const text = Array.from({ length: MAX_HISTORY + 5 }, (_, i) => `#syz fix: title ${i}`).join("\n");
    const { history, fixCommit } = applyCommands(EMPTY_STATE, authored(text));
    expect(history).toHaveLength(MAX_HISTORY);
    expect(history[0]?.value).toBe("title 5");
    expect(fixCommit).toBe(`title ${MAX_HISTORY + 4}`);
  });
});

describe("encodeState / decodeState", () => {
  const state = applyCommands(EMPTY_STATE, authored("#syz set subsystems: mm\n#syz dup: Re: [syzbot] KASAN: slab-use-after-free in foo --> <b>x</b>\n#syz fix: a \"quoted\" title"));

  test("round trip, also inside the rest of a comment", () => {
    const encoded = encodeState(state);
    expect(encoded).toMatch(/^<!-- syztriage-state: [A-Za-z0-9_-]+ -->$/);
    expect(decodeState(encoded)).toEqual(state);
    expect(decodeState(`## syztriage\n\nSubsystems: mm\n\n${encoded}\n<!-- syz-triage:v1 key=abc -->\n`)).toEqual(state);
    expect(decodeState(encodeState(EMPTY_STATE))).toEqual(EMPTY_STATE);
  });

  test("the largest state the limits allow stays small and decodes", () => {
    const names = Array.from({ length: MAX_SUBSYSTEMS }, (_, i) => `${i}${"s".repeat(39)}`).join(", ");
    const lines = Array.from({ length: MAX_HISTORY }, (_, i) => (i % 2 ? `#syz set subsystems: ${names}` : `#syz dup: ${"t".repeat(MAX_TITLE_LENGTH)}`));
    const largest = applyCommands(EMPTY_STATE, authored(`#syz fix: ${"f".repeat(MAX_TITLE_LENGTH)}\n${lines.join("\n")}`, "a-very-long-login-of-39-characters-xxxx[bot]", "2025-07-14T09:30:00.000Z"));
    const encoded = encodeState(largest);
    expect(encoded.length).toBeLessThan(16 * 1024);
    expect(decodeState(encoded)).toEqual(largest);
  });

  test("a state with every field at its limit, in four-byte characters, is fitted to what the decoder reads: the search goes first", () => {
    const wide = (n: number) => "𝔘".repeat(n);
    const full: IssueState = {
      ...EMPTY_STATE,
      subsystems: Array.from({ length: MAX_SUBSYSTEMS }, (_, i) => `s${i}`),
      history: Array.from({ length: MAX_HISTORY }, (_, i) => ({ kind: "dup" as const, value: wide(MAX_TITLE_LENGTH), by: `u${i}`, at: AT })),
      appLabels: Array.from({ length: MAX_RECORDED_LABELS }, (_, i) => `${i}${wide(20)}`),
      declinedLabels: Array.from({ length: MAX_RECORDED_LABELS }, (_, i) => `${i}${wide(20)}`),
      peopleLabels: Array.from({ length: MAX_RECORDED_LABELS }, (_, i) => `${i}${wide(20)}`),
      search: {
        titles: Array.from({ length: 10 }, () => wide(MAX_TITLE_LENGTH)),
        duplicates: Array.from({ length: 20 }, (_, i) => ({ number: i + 1, title: wide(MAX_FOUND_TITLE) })),
        duplicateOf: null,
      },
      mentioned: Array.from({ length: MAX_MENTIONED }, (_, i) => `login-${i}`),
    };
    const decoded = decodeState(encodeState(full));
    expect(decoded).not.toBeNull();
    expect(decoded?.search).toBeNull();
    expect(decoded?.appLabels).toEqual(full.appLabels);
    expect(decoded?.mentioned).toEqual(full.mentioned);
  });

  test("malformed or forged states decode to null, never throw", () => {
    const encoded = encodeState(state);
    const bodies = [
      "",
      "no state here",
      "<!-- syztriage-state:  -->",
      "<!-- syztriage-state: not base64! -->",
      "<!-- syztriage-state: e30 -->", // {}
      `<!-- syztriage-state: ${Buffer.from("{not json").toString("base64url")} -->`,
      encoded.replace(" -->", ""),
      `${encoded}\n${encoded}`,
      `<!-- syztriage-state: ${"A".repeat(40_000)} -->`,
      forged({ ...state, extra: true }),
      forged({ ...state, invalid: "yes" }),
      forged({ ...state, subsystems: ["bad/name"] }),
      forged({ ...state, subsystems: [] }),
      forged({ ...state, fixCommit: "x".repeat(MAX_TITLE_LENGTH + 1) }),
      forged({ ...state, history: Array.from({ length: MAX_HISTORY + 1 }, () => state.history[0]) }),
      forged({ ...state, history: [{ kind: "retriage", value: null, by: "x", at: AT }] }),
      forged({ ...state, culprit: "HEAD~1" }),
      forged({ ...state, appLabels: Array.from({ length: 31 }, (_, i) => `label ${i}`) }),
      `<!-- syztriage-state: ${Buffer.from(JSON.stringify(state).replace("{", '{"__proto__":{"polluted":true},')).toString("base64url")} -->`,
      forged([state]),
      forged(null),
    ];
    for (const body of bodies) expect(decodeState(body), body.slice(0, 80)).toBeNull();
  });

  test("a state an older version of the app wrote (no culprit, labels, search or refusals yet) still decodes", () => {
    const older = forged({ subsystems: ["mm"], duplicateOf: null, invalid: false, fixCommit: null, history: [{ kind: "set-subsystems", value: "mm", by: "alice", at: AT }] });
    expect(decodeState(older)).toEqual({ ...EMPTY_STATE, subsystems: ["mm"], history: [{ kind: "set-subsystems", value: "mm", by: "alice", at: AT }] });
  });

  test("a state from before the search's conclusions were kept keeps everything else, and searches again", () => {
    const older = forged({
      subsystems: ["mm"],
      duplicateOf: null,
      invalid: false,
      fixCommit: null,
      culprit: null,
      history: [{ kind: "set-subsystems", value: "mm", by: "alice", at: AT }],
      appLabels: ["subsystem: mm"],
      declinedLabels: ["bisection: unreliable"],
      search: { titles: ["KASAN: use-after-free Read in foo"], found: [{ number: 7, title: "KASAN: use-after-free Read in foo" }] },
      refused: ["passerby"],
    });
    expect(decodeState(older)).toEqual({
      ...EMPTY_STATE,
      subsystems: ["mm"],
      history: [{ kind: "set-subsystems", value: "mm", by: "alice", at: AT }],
      appLabels: ["subsystem: mm"],
      declinedLabels: ["bisection: unreliable"],
      search: null,
      refused: ["passerby"],
    });
  });

  test("a decoded state is a plain value the reducer accepts", () => {
    const decoded = decodeState(encodeState(state)) as IssueState;
    expect(applyCommands(decoded, authored("#syz undup")).duplicateOf).toBeNull();
  });
});
