import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { configFromYaml } from "../src/config/load.js";
import { DEFAULT_CONFIG } from "../src/config/schema.js";

// The README says to copy .github/syztriage.yml: as it is, it must change nothing.
test("the example configuration is exactly the defaults", () => {
  const loaded = configFromYaml(readFileSync(new URL("../.github/syztriage.yml", import.meta.url), "utf8"));
  expect(loaded).toEqual({ ok: true, config: DEFAULT_CONFIG });
});
