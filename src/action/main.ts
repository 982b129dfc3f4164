import { runAction } from "./run-action.js";

// The entry of action.yml.
process.exitCode = await runAction(process.env, { stdout: (text) => process.stdout.write(text) });
