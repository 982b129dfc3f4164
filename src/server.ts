import { run } from "probot";
import { offThreadReader } from "./app/read-off-thread.js";
import { loadSyztriage } from "./index.js";
import { MirrorSchedule } from "./mirror/schedule.js";
import { githubClient } from "./octokit/limits.js";
import { loadEnvironment, probotEnvironment } from "./serve/environment.js";
import { healthRoute } from "./serve/health.js";
import { type Shutdown, shutDownOnSignals } from "./serve/shutdown.js";
import { startupProblem } from "./startup-check.js";
import { InFlight, openStore, type Store } from "./store/index.js";

// `npm start`: Probot's server, or its setup page when APP_ID / PRIVATE_KEY are not set yet.
const env = loadEnvironment();
const problem = startupProblem(env);
if (problem) {
  process.stderr.write(`syztriage: ${problem}\n`);
  process.exit(1);
}

const github = githubClient({ redisUrl: env.REDIS_URL });
const inFlight = new InFlight();
let store: Store | undefined;
let mirror: MirrorSchedule | undefined;
/** Probot's logger once the app is loaded (JSON lines in production); standard error on the setup page. */
let log: Shutdown["log"] = {
  info: (_fields, message) => process.stderr.write(`syztriage: ${message}\n`),
  warn: (_fields, message) => process.stderr.write(`syztriage: ${message}\n`),
};
let stopping = false;

// Probot's own SIGINT handler exits as soon as the listener closes, before the triages in flight end.
const probotSignals = new Set(process.listeners("SIGINT"));
const server = await run(
  async (app, { addHandler }) => {
    const opened = openStore(env, app.log);
    store = opened;
    log = app.log;
    app.log.info({ store: opened.kind }, opened.kind === "redis" ? "replicas coordinate through Redis" : "single replica: locks, caches and retries in memory");
    const triage = loadSyztriage(app, { inFlight, store: () => opened, readLog: offThreadReader(), retries: true });
    mirror = new MirrorSchedule({ app, store: opened, triage, inFlight });
    mirror.start();
    addHandler(healthRoute(async () => (stopping ? "shutting down" : (await opened.ping()) ? null : "redis does not answer")));
  },
  { Octokit: github.Octokit, env: probotEnvironment(env) },
);
for (const listener of process.listeners("SIGINT")) if (!probotSignals.has(listener)) process.off("SIGINT", listener);

shutDownOnSignals({
  inFlight,
  get log() {
    return log;
  },
  async stopAccepting() {
    stopping = true;
    mirror?.stop();
    await server.stop();
  },
  async release() {
    await Promise.all([store?.close(), github.close()]);
  },
});
