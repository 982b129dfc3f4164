import type { Probot } from "probot";
import { type AppOptions, issueEventHandler } from "./app/handle-event.js";
import { readInline } from "./app/read-off-thread.js";

/** The Probot app with its options: event wiring only; the work is in app/handle-event.ts. */
export function createApp(options: AppOptions = { readLog: readInline }): (app: Probot) => void {
  return (app) => {
    const handle = issueEventHandler(app, options);
    app.on(["issues.opened", "issues.edited", "issues.reopened", "issue_comment.created", "issue_comment.edited"], handle);
  };
}

/** The app as Probot loads it, reading every text in the event loop's thread. */
export default createApp();
