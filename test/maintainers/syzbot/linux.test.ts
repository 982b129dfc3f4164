// syzbot's own answers on real kernel paths, against the list derived from the bundled
// Linux v7.1.2 snapshot. The fixtures and how they were computed: test/fixtures/linux/README.md.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadBundledLinux } from "../../../src/maintainers/index.js";

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/linux/${name}`, import.meta.url), "utf8")) as unknown;
const table = read("syzbot-table.json") as { sets: string[]; paths: Record<string, [string, string]> };
const generated = read("syzbot-list-v7.1.2.json") as { subsystems: Record<string, { parents: string[]; files: number }> };
const { subsystems } = loadBundledLinux();
const names = (answer: string) => answer.split(" ").filter((name) => name !== "");
const sorted = (list: string[]) => [...list].sort();

describe("the list syzkaller's generator derives from Linux v7.1.2", () => {
  test("the same subsystems, parents and file counts", () => {
    const ours = Object.fromEntries(subsystems.subsystems.map((s) => [s.name, { parents: sorted([...s.parents]), files: s.files }]));
    expect(ours).toEqual(generated.subsystems);
    expect(subsystems.names).toHaveLength(235);
  });

  test("hand-made subsystems and extra parents are there", () => {
    for (const name of ["kvm-x86", "hfs", "fuse", "isofs", "udf", "smc", "iomap", "nfc", "kernfs", "exfat", "xfs", "jffs2", "comedi", "bfs"]) {
      expect(subsystems.names).toContain(name);
    }
    expect(subsystems.ancestors("wireless")).toContain("net");
  });
});

describe("syzbot's set for held-out paths", () => {
  test.each(Object.entries(table.paths))("%s", (path, [v712]) => {
    expect(sorted(subsystems.match(path))).toEqual(names(v712));
  });
});
