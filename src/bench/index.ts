// `npm run bench`: speed and memory goals live here, never in timed tests.
import { benchCrash } from "./crash.js";
import { benchMaintainers } from "./maintainers.js";
import { benchMirror } from "./mirror.js";
import { benchParse } from "./parse.js";
import { benchRequests } from "./requests.js";
import { benchThroughput } from "./throughput.js";

const log = (line: string) => void process.stdout.write(`${line}\n`);
const benches: [string, (log: (line: string) => void) => Promise<void>][] = [
  ["parser", benchParse],
  ["crash analyser", benchCrash],
  ["MAINTAINERS matcher", benchMaintainers],
  ["mirror", benchMirror],
  ["GitHub requests per triage", benchRequests],
  ["throughput", benchThroughput],
];
for (const [name, run] of benches) {
  log(`## ${name}`);
  await run(log);
}
log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
