import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { configFromYaml } from "../src/config/load.js";
import { ConfigSchema, DEFAULT_CONFIG } from "../src/config/schema.js";

const root = new URL("../", import.meta.url);

/** Every leaf key path of the schema, e.g. "labels.prefix". */
function keyPaths(shape: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(shape).flatMap(([key, value]) => {
    const inner = (value as { def?: { innerType?: { shape?: Record<string, unknown> } }; shape?: Record<string, unknown> });
    const nested = inner.shape ?? inner.def?.innerType?.shape;
    return nested ? keyPaths(nested, `${prefix}${key}.`) : [`${prefix}${key}`];
  });
}

describe("configuration", () => {
  test("no file at all gives working defaults", () => {
    expect(DEFAULT_CONFIG.labels).toEqual({ prefix: "subsystem: ", color: "1d76db", extra: [], unreliable: "bisection: unreliable", duplicate: "", invalid: "invalid", crash: "" });
    expect(DEFAULT_CONFIG.subsystems).toEqual({ rules: {}, max: 3, maintainers: "MAINTAINERS", naming: "syzbot", from: ["culprit", "crash"] });
    expect(DEFAULT_CONFIG.mentions.max).toBe(10);
    expect(DEFAULT_CONFIG.mentions.lookup).toBe(true);
  });

  test("the example file in .github is valid", () => {
    const result = configFromYaml(readFileSync(new URL(".github/syztriage.yml", root), "utf8"));
    expect(result.ok).toBe(true);
  });

  test.each([
    ["labels:\n  colour: red\n", 'Unrecognized key: "colour"', "labels"],
    ["mentions:\n  max: ten\n", "expected number", "mentions.max"],
    ["labels:\n  color: blue\n", "must be a hex color", "labels.color"],
    ["mentions:\n  users:\n    not-an-email: x\n", "Invalid key in record", 'mentions.users["not-an-email"]'],
    ["triage:\n  authors: ['bad login!']\n", "must be a GitHub login", "triage.authors[0]"],
    ["subsytems: {}\n", 'Unrecognized key: "subsytems"', ""],
    ["fetch:\n  hosts: [169.254.169.254]\n", "no IP address, no localhost", "fetch.hosts[0]"],
    ["fetch:\n  hosts: [localhost]\n", "no IP address, no localhost", "fetch.hosts[0]"],
  ])("%j is rejected with a specific error", (yaml, message, path) => {
    const result = configFromYaml(yaml);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(message);
    if (path) expect(result.error).toContain(`→ at ${path}`);
  });

  test("a label prefix that leaves no room for a name is rejected", () => {
    expect(configFromYaml(`labels:\n  prefix: "${"x".repeat(50)}"\n`).ok).toBe(false);
  });

  test("README documents every configuration key", () => {
    const readme = readFileSync(new URL("README.md", root), "utf8");
    const missing = keyPaths(ConfigSchema.shape).filter((path) => !readme.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });
});
