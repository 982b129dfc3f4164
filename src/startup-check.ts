/** Probot's default webhook secret: anyone could forge webhooks to a server that keeps it. */
const DEFAULT_SECRET = "development";

/** Why the server must not start, or null. Probot itself only insists on APP_ID and the key in production. */
export function startupProblem(env: Record<string, string | undefined>): string | null {
  if (env.NODE_ENV !== "production") return null;
  const secret = env.WEBHOOK_SECRET;
  if (!secret || secret === DEFAULT_SECRET) {
    return "refusing to start in production without a WEBHOOK_SECRET (or with Probot's default one); set WEBHOOK_SECRET to the secret of your GitHub App";
  }
  return null;
}
