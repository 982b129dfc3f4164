import { Writable } from "node:stream";
import nock from "nock";
import { afterEach, beforeEach } from "vitest";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { IssueTriage } from "../../src/app/handle-event.js";
import { readInline } from "../../src/app/read-off-thread.js";
import { loadSyztriage } from "../../src/index.js";
import { MirrorSchedule, type ScheduleOptions } from "../../src/mirror/schedule.js";
import { InFlight, openStore, type Store } from "../../src/store/index.js";
import { APP_ID, INSTALLATION, OWNER, PRIVATE_KEY, REPO } from "../helpers/probot.js";
import { type BugName, showBug, type Stage } from "./bugs.js";
import { type FakeBug, FakeDashboard, SYZBOT } from "./fake-dashboard.js";
import { FakeGitHub } from "./fake-github.js";

/** For every test of the calling file: no network but the loopback dashboard, and no interceptor left behind. */
export function useLoopbackOnly(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

export const MIRROR_CONFIG = "mirror:\n  enabled: true\n";

export interface Harness {
  dashboard: FakeDashboard;
  github: FakeGitHub;
  store: Store;
  logs: Record<string, unknown>[];
  schedule: MirrorSchedule;
  /** What the schedule was made with: another replica's schedule takes its own store. */
  scheduleOptions: ScheduleOptions;
  /** Puts a fixture bug on the dashboard (or moves it to `stage`), with its texts. */
  show(name: BugName, stage: Stage): FakeBug;
  /** One sync of the repository, as a round runs it once its interval has passed. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The app with its mirror, on a fake dashboard (loopback HTTP) and a fake repository (nock): what the server runs each round, one call away. */
export async function harness(config = MIRROR_CONFIG, store?: Store): Promise<Harness> {
  const dashboard = await FakeDashboard.start();
  const github = new FakeGitHub(config);
  github.install();
  // The triage reads a bisection log the body links (too long to embed) at syzbot's address.
  nock(SYZBOT)
    .persist()
    .get(/^\/x\/bisect\.txt/)
    .query(true)
    .reply((uri) => {
      const text = dashboard.texts.get(new URL(uri, SYZBOT).searchParams.get("x") ?? "");
      return text === undefined ? [404, ""] : [200, text];
    });
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ level: "info" }, stream);
  const probot = new Probot({
    appId: APP_ID,
    privateKey: PRIVATE_KEY,
    log,
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  const shared = store ?? openStore({}, log);
  const inFlight = new InFlight();
  let triage: IssueTriage | undefined;
  await probot.load((app) => {
    triage = loadSyztriage(app, { inFlight, readLog: readInline, store: () => shared, retries: false });
  });
  const scheduleOptions: ScheduleOptions = { app: probot, store: shared, triage: triage as IssueTriage, inFlight, fetch: dashboard.fetch, spacingMs: 0 };
  const schedule = new MirrorSchedule(scheduleOptions);
  return {
    dashboard,
    github,
    store: shared,
    logs,
    schedule,
    scheduleOptions,
    show: (name, stage) => showBug(dashboard, name, stage),
    async sync() {
      await shared.cache(INSTALLATION, "mirror").delete(`ran:${OWNER}/${REPO}`);
      await schedule.round(INSTALLATION);
    },
    async close() {
      schedule.stop();
      await dashboard.stop();
      if (!store) await shared.close();
    },
  };
}
