import type { Probot } from "probot";
import { type AppOptions, type IssueTriage, issueTriage } from "./app/handle-event.js";
import { readInline } from "./app/read-off-thread.js";
import { InFlight, openStore } from "./store/index.js";

/**
 * The Probot app with what its host gives it (the triages in flight, which a
 * graceful shutdown waits for; the store replicas share; how fetched logs are
 * read): event wiring only, the work is in app/handle-event.ts.
 */
export function syztriageApp(options: AppOptions): (app: Probot) => void {
  return (app) => {
    loadSyztriage(app, options);
  };
}

/** Wires the app's events on `app`; its triage is returned for the mirror, which triages the issues it writes. */
export function loadSyztriage(app: Probot, options: AppOptions): IssueTriage {
  const triage = issueTriage(app, options);
  app.on(["issues.opened", "issues.edited", "issues.reopened", "issue_comment.created", "issue_comment.edited"], (context) =>
    options.inFlight.track(() => triage.onEvent(context)),
  );
  return triage;
}

/** The app on its own (tests, the Action): a store in memory, no retry runner, texts read in the event loop's thread. */
export const STANDALONE: AppOptions = { inFlight: new InFlight(), readLog: readInline, store: (app) => openStore({}, app.log), retries: false };

export default syztriageApp(STANDALONE);
