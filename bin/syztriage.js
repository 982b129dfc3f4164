#!/usr/bin/env node
// The CLI runs the compiled code; `npm ci` builds it through the prepare script.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../lib/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("syztriage: not built yet; run `npm run build` in the syztriage folder first\n");
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
