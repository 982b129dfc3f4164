import { run } from "probot";
import app from "./index.js";
import { startupProblem } from "./startup-check.js";

// `npm start`: Probot's server, or its setup page when APP_ID / PRIVATE_KEY are not set yet.
const problem = startupProblem(process.env);
if (problem) {
  process.stderr.write(`syztriage: ${problem}\n`);
  process.exit(1);
}
await run(app);
