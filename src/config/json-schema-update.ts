import { writeFileSync } from "node:fs";
import { configJsonSchemaText, JSON_SCHEMA_FILE } from "./json-schema.js";

// `npm run schema:update`: rewrites the committed schema from the zod schema.
writeFileSync(JSON_SCHEMA_FILE, configJsonSchemaText());
process.stdout.write(`wrote ${JSON_SCHEMA_FILE}\n`);
