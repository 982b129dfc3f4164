import type { Probot } from "probot";
import { issueEventHandler } from "./app/handle-event.js";

/** The Probot app: event wiring only; the work is in app/handle-event.ts. */
export default function syztriage(app: Probot): void {
  const handle = issueEventHandler(app);
  app.on(["issues.opened", "issues.edited", "issues.reopened", "issue_comment.created", "issue_comment.edited"], handle);
}
