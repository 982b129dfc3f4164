import { describe, expect, test } from "vitest";
import { parseCommands } from "../../src/commands/index.js";
import { fixtureText } from "../helpers/fixtures.js";

describe("parseCommands", () => {
  test("each supported command", () => {
    const text = [
      "Thanks, triaging.",
      "#syz set subsystems: mm, xfs",
      "#syz dup: KASAN: use-after-free Read in xfs_file_fsync",
      "#syz undup",
      "#syz invalid",
      "#syz fix: xfs: fix use-after-free in xfs_file_fsync",
      "#syztriage retriage",
    ].join("\n");
    expect(parseCommands(text)).toEqual([
      { kind: "set-subsystems", line: 2, subsystems: ["mm", "xfs"] },
      { kind: "dup", line: 3, target: "KASAN: use-after-free Read in xfs_file_fsync", issue: null },
      { kind: "undup", line: 4 },
      { kind: "invalid", line: 5 },
      { kind: "fix", line: 6, title: "xfs: fix use-after-free in xfs_file_fsync" },
      { kind: "retriage", line: 7 },
    ]);
  });

  test("#syz is followed by a space, a tab, '-' or ':'; the word may end in ':' or not", () => {
    const text = ["#syz\tinvalid", "#syz-undup", "#syz:fix  first title  ", "#syz fix second title", "#syz:  set: subsystems: net"].join("\n");
    expect(parseCommands(text)).toEqual([
      { kind: "invalid", line: 1 },
      { kind: "undup", line: 2 },
      { kind: "fix", line: 3, title: "first title" },
      { kind: "fix", line: 4, title: "second title" },
      { kind: "set-subsystems", line: 5, subsystems: ["net"] },
    ]);
  });

  test("not commands: mid-line, indented, quoted, another hashtag, a bare #syz", () => {
    const text = [
      "please #syz invalid",
      " #syz invalid",
      "> #syz invalid",
      ">#syz fix: something",
      "#syzbot invalid",
      "#syz",
      "#syz   ",
      "#syztriage",
      "\\#syz invalid",
    ].join("\n");
    expect(parseCommands(text)).toEqual([]);
  });

  test("nothing inside a code fence is a command: a pasted syzbot email must not act", () => {
    const text = [
      "syzbot said:",
      "```",
      "#syz fix: exact-commit-title",
      "#syz invalid",
      "```",
      "~~~~ text",
      "#syz undup",
      "~~~",
      "#syz dup: still in the tilde fence",
      "~~~~",
      "#syz fix: after the fences",
      "````",
      "```",
      "#syz invalid",
      "````",
      "#syz undup",
    ].join("\n");
    expect(parseCommands(text)).toEqual([
      { kind: "fix", line: 11, title: "after the fences" },
      { kind: "undup", line: 16 },
    ]);
  });

  test("an unclosed fence runs to the end; inline code with backticks opens none", () => {
    expect(parseCommands("```\n#syz invalid")).toEqual([]);
    expect(parseCommands("```not`a`fence\n#syz invalid")).toEqual([{ kind: "invalid", line: 2 }]);
    expect(parseCommands("    ```\n#syz invalid")).toEqual([{ kind: "invalid", line: 2 }]);
  });

  test("the #syz fix: a pasted fix-bisection email asks the reader to send is the email's, not a command", () => {
    // syzbot's fix-bisection email (test/fixtures/constructed/email-fixed-by.txt) and its older wording (ext4's report).
    const email = fixtureText("constructed/email-fixed-by.txt");
    const older = fixtureText("heldout/batch-2/ext4-syzbot-fix-old-wording.txt");
    expect(parseCommands(email)).toEqual([]);
    expect(parseCommands(older).filter((c) => c.kind === "fix")).toEqual([]);
    expect(parseCommands("If you believe this is correct, please reply with\n#syz fix: ext4: fix a race\n")).toEqual([]);
    // The same line written by a person is a command.
    const reply = `${email}\nIt is, recording it:\n#syz fix: Bluetooth: hci_conn: Consolidate code for aborting connections\n`;
    const line = reply.split("\n").findLastIndex((l) => l.startsWith("#syz fix:")) + 1;
    expect(parseCommands(reply)).toEqual([{ kind: "fix", line, title: "Bluetooth: hci_conn: Consolidate code for aborting connections" }]);
  });

  test("syzbot's sample commands, pasted unfenced from its footer, are ignored", () => {
    const footer = [
      "If the report is already addressed, let syzbot know by replying with:",
      "#syz fix: exact-commit-title",
      "",
      "If you want syzbot to run the reproducer, reply with:",
      "#syz test: git://repo/address.git branch-or-commit-hash",
      "If you attach or paste a git patch, syzbot will apply it before testing.",
      "",
      "If you want to overwrite report's subsystems, reply with:",
      "#syz set subsystems: new-subsystem",
      "(See the list of subsystem names on the web dashboard)",
      "",
      "If the report is a duplicate of another one, reply with:",
      "#syz dup: exact-subject-of-another-report",
      "",
      "If you want to undo deduplication, reply with:",
      "#syz undup",
    ].join("\n");
    expect(parseCommands(footer)).toEqual([]);
    // A person's own undup after the footer is a command.
    expect(parseCommands(`${footer}\n\nNot a duplicate after all:\n#syz undup\n`)).toEqual([{ kind: "undup", line: 19 }]);
  });

  test("dup: Re:, [syzbot] and [subsystem] tags are stripped like syzbot does; #123 is an issue", () => {
    const text = [
      "#syz dup: Re: [syzbot] [xfs?] [mm] INFO: task hung in xfs_file_fsync (2)",
      "#syz dup: [syzbot] WARNING in kernfs_get",
      "#syz dup: #123",
      "#syz dup: #123 and more",
    ].join("\n");
    expect(parseCommands(text)).toEqual([
      { kind: "dup", line: 1, target: "INFO: task hung in xfs_file_fsync (2)", issue: null },
      { kind: "dup", line: 2, target: "WARNING in kernfs_get", issue: null },
      { kind: "dup", line: 3, target: "#123", issue: 123 },
      { kind: "dup", line: 4, target: "#123 and more", issue: null },
    ]);
  });

  test("set subsystems: comma or space separated, duplicates dropped, names validated", () => {
    const text = [
      "#syz set subsystems: net,  wireless bluetooth, net",
      "#syz set subsystems:",
      "#syz set subsystems: ok, bad/name",
      `#syz set subsystems: ${"a".repeat(41)}`,
      "#syz set subsystems: a b c d e f g h i",
      "#syz set subsystems net",
      "#syz set",
    ].join("\n");
    expect(parseCommands(text)).toEqual([
      { kind: "set-subsystems", line: 1, subsystems: ["net", "wireless", "bluetooth"] },
      { kind: "error", line: 2, word: "set", message: "no subsystem names" },
      { kind: "error", line: 3, word: "set", message: 'bad subsystem name "bad/name"' },
      { kind: "error", line: 4, word: "set", message: `bad subsystem name "${"a".repeat(40)}…"` },
      { kind: "error", line: 5, word: "set", message: "more than 8 subsystems" },
      { kind: "error", line: 6, word: "set", message: 'expected "set subsystems: name, name"' },
      { kind: "error", line: 7, word: "set", message: 'expected "set subsystems: name, name"' },
    ]);
  });

  test("empty or overlong titles are errors", () => {
    const text = ["#syz fix:", "#syz fix:   ", "#syz dup: Re: [syzbot]", `#syz fix: ${"x".repeat(201)}`, `#syz fix: ${"x".repeat(200)}`].join("\n");
    expect(parseCommands(text)).toEqual([
      { kind: "error", line: 1, word: "fix", message: "no commit title" },
      { kind: "error", line: 2, word: "fix", message: "no commit title" },
      { kind: "error", line: 3, word: "dup", message: "no dup title" },
      { kind: "error", line: 4, word: "fix", message: "commit title longer than 200 characters" },
      { kind: "fix", line: 5, title: "x".repeat(200) },
    ]);
  });

  test("unknown words are reported (clipped); syzbot's other commands are unsupported", () => {
    const text = [
      "#syz fixed: typo",
      "#syz Invalid",
      `#syz ${"w".repeat(100)}`,
      "#syztriage rerun",
      "#syz test: git://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git master",
      "#syz upstream",
      "#syz set prio: low",
      "#syz unset no-reminders",
    ].join("\n");
    expect(parseCommands(text)).toEqual([
      { kind: "unknown", line: 1, word: "fixed:" },
      { kind: "unknown", line: 2, word: "Invalid" },
      { kind: "unknown", line: 3, word: `${"w".repeat(40)}…` },
      { kind: "unknown", line: 4, word: "rerun" },
      { kind: "unsupported", line: 5, word: "test" },
      { kind: "unsupported", line: 6, word: "upstream" },
      { kind: "unsupported", line: 7, word: "set prio" },
      { kind: "unsupported", line: 8, word: "unset" },
    ]);
  });

  test("#syztriage culprit takes a commit hash (7 to 40 hex digits, any case) or none; anything else is an error with a reason", () => {
    const text = [
      "#syztriage culprit 2b0d3d3e4fcf",
      "#syztriage culprit 2B0D3D3E4FCFB19D10F9A82910B8F0F05C56EE3E",
      "#syztriage culprit none",
      "#syztriage culprit",
      "#syztriage culprit HEAD~1",
      "#syztriage culprit 2b0d3d",
    ].join("\n");
    expect(parseCommands(text)).toEqual([
      { kind: "culprit", line: 1, sha: "2b0d3d3e4fcf" },
      { kind: "culprit", line: 2, sha: "2b0d3d3e4fcfb19d10f9a82910b8f0f05c56ee3e" },
      { kind: "culprit", line: 3, sha: null },
      { kind: "error", line: 4, word: "culprit", message: "no commit hash" },
      { kind: "error", line: 5, word: "culprit", message: '"HEAD~1" is not a commit hash (7 to 40 hex digits) or none' },
      { kind: "error", line: 6, word: "culprit", message: '"2b0d3d" is not a commit hash (7 to 40 hex digits) or none' },
    ]);
  });

  test("a command on the last line without a newline", () => {
    expect(parseCommands("text\n#syz invalid")).toEqual([{ kind: "invalid", line: 2 }]);
    expect(parseCommands("#syz fix: last title")).toEqual([{ kind: "fix", line: 1, title: "last title" }]);
    expect(parseCommands("text\n#syz")).toEqual([]);
  });

  test("CRLF line endings", () => {
    const text = "Hi\r\n#syz fix: a title\r\n```\r\n#syz invalid\r\n```\r\n#syz set subsystems: mm, fs\r\n#syz undup\r\n";
    expect(parseCommands(text)).toEqual([
      { kind: "fix", line: 2, title: "a title" },
      { kind: "set-subsystems", line: 6, subsystems: ["mm", "fs"] },
      { kind: "undup", line: 7 },
    ]);
  });

  // Their speed is measured by `npm run bench`; here, that hostile text gives a plain answer.
  test("hostile text gives a plain answer", () => {
    const hostile = [
      `#syz dup: ${"[".repeat(1_000_000)}`,
      `#syz set subsystems${" ".repeat(1_000_000)}x`,
      `${"```".repeat(300_000)}\u2028`,
      "#syz fix: x\n".repeat(200_000),
      `#syz dup: ${"Re: ".repeat(500_000)}`,
    ];
    expect(hostile.map((text) => parseCommands(text).length)).toEqual([1, 1, 0, 200_000, 1]);
  });
});
