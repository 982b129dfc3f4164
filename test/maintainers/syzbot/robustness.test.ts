import { describe, expect, test } from "vitest";
import { buildSubsystemList } from "../../../src/maintainers/index.js";

// Where syzkaller's generator stops with an error, the port keeps what it can.
describe("buildSubsystemList on bad input", () => {
  const tree = { files: ["a/x.c", "a/y.c", "a/z.c", "b/x.c", "b/y.c", "b/z.c", "c.c"] };

  test.each([
    ["an empty file", ""],
    ["text that is no MAINTAINERS", "\u0000\uffff garbage\nF:\n:\nL:\n"],
    ["tag lines before any header", "F:\ta/\nL:\tlist-a@example.org\n"],
  ])("%s gives an empty or tiny list, no exception", (_name, text) => {
    const list = buildSubsystemList(text, tree);
    expect(list.match("a/x.c")).toEqual(expect.any(Array));
    expect(list.ancestors("anything")).toEqual([]);
  });

  test("an N: regexp JavaScript cannot compile, an L: without an address and a missing hand-made section are left out", () => {
    const list = buildSubsystemList(
      `A DRIVER\nL:\tlist-a@example.org\nF:\ta/\nN:\t(?i)broken(\n\nB DRIVER\nL:\tnot an address\nF:\tb/\n\nUDF FILESYSTEM\nL:\tlist-a@example.org\n`,
      tree,
    );
    // UDF FILESYSTEM has no files here: the hand-made udf owns none and is dropped as small.
    expect(list.names).toEqual(["list-a"]);
    expect(list.match("a/x.c")).toEqual(["list-a"]);
    expect(list.match("b/x.c")).toEqual([]);
  });

  test("two lists giving one name keep both under it", () => {
    const list = buildSubsystemList(
      `A\nL:\tvirtualization@lists.linux.dev\nF:\ta/\n\nB\nL:\tvirtualization@lists.linux-foundation.org\nF:\tb/\n`,
      tree,
    );
    expect(list.names).toEqual(["virt"]);
    expect(list.match("a/x.c")).toEqual(["virt"]);
    expect(list.match("b/y.c")).toEqual(["virt"]);
  });

  test("an empty tree drops every subsystem", () => {
    expect(buildSubsystemList("A\nL:\tlist-a@example.org\nF:\ta/\n", { files: [] }).names).toEqual([]);
  });
});
