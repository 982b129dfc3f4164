import { z } from "zod";
import { ConfigSchema } from "./schema.js";

/** The committed JSON Schema of `.github/syztriage.yml`, for editors (yaml-language-server) to complete and check it. */
export const JSON_SCHEMA_FILE = "syztriage.schema.json";

/** Where editors fetch it: the example config's `$schema` line names this address. */
export const JSON_SCHEMA_URL = `https://raw.githubusercontent.com/syztriage/syztriage/main/${JSON_SCHEMA_FILE}`;

/** The schema as the file holds it: what a user may write (zod's input side: every key optional, defaults shown). */
export function configJsonSchemaText(): string {
  const schema = z.toJSONSchema(ConfigSchema, { io: "input", target: "draft-2020-12" });
  return `${JSON.stringify({ ...schema, $id: JSON_SCHEMA_URL, title: "syztriage configuration (.github/syztriage.yml)" }, null, 2)}\n`;
}
