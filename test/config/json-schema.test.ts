import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { configJsonSchemaText, JSON_SCHEMA_FILE, JSON_SCHEMA_URL } from "../../src/config/json-schema.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

test(`the committed ${JSON_SCHEMA_FILE} is the zod schema's (regenerate it with: npm run schema:update)`, () => {
  expect(readFileSync(ROOT + JSON_SCHEMA_FILE, "utf8")).toBe(configJsonSchemaText());
});

test("the schema rejects unknown keys, as the app does", () => {
  const schema = JSON.parse(configJsonSchemaText()) as { additionalProperties: boolean; properties: Record<string, { additionalProperties: boolean }> };
  expect(schema.additionalProperties).toBe(false);
  for (const [key, section] of Object.entries(schema.properties)) expect(section.additionalProperties, key).toBe(false);
});

test("the example configuration names the schema for editors, at the address of the committed file", () => {
  const example = readFileSync(`${ROOT}.github/syztriage.yml`, "utf8");
  expect(example.split("\n")[0]).toBe(`# yaml-language-server: $schema=${JSON_SCHEMA_URL}`);
  expect(JSON_SCHEMA_URL.endsWith(`/main/${JSON_SCHEMA_FILE}`)).toBe(true);
});
