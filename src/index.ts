import type { Probot } from "probot";
import { issueEventHandler } from "./app/triage-issue.js";
import { InFlight } from "./store/index.js";

/** What the server shares with the app: the triages in flight, which a graceful shutdown waits for. */
export interface AppServices {
  inFlight: InFlight;
}

/** The Probot app: event wiring only; the work is in app/triage-issue.ts. */
export function syztriageApp(services: AppServices): (app: Probot) => void {
  return (app) => {
    const handle = issueEventHandler(app);
    app.on(["issues.opened", "issues.edited", "issues.reopened", "issue_comment.created", "issue_comment.edited"], (context) =>
      services.inFlight.track(() => handle(context)),
    );
  };
}

/** The app with nothing shared (tests, the Action). */
export default syztriageApp({ inFlight: new InFlight() });
