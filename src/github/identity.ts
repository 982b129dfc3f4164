import type { Probot } from "probot";

export interface AppIdentity {
  id: number;
  /** The login the app comments as: `<slug>[bot]`. */
  login: string;
}

const identities = new WeakMap<Probot, Promise<AppIdentity>>();

/** Who the app is (GET /app), asked once per process; the app finds its own comments by it. */
export function appIdentity(app: Probot): Promise<AppIdentity> {
  let identity = identities.get(app);
  if (!identity) {
    identity = app.auth().then(async (octokit) => {
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (!data) throw new Error("GET /app returned no app");
      return { id: data.id, login: `${data.slug}[bot]` };
    });
    // A failed lookup is retried on the next event instead of being cached.
    identity.catch(() => identities.delete(app));
    identities.set(app, identity);
  }
  return identity;
}

interface CommentAuthor {
  user?: { login?: string } | null;
  performed_via_github_app?: { id?: number } | null;
}

export function isOwnComment(comment: CommentAuthor, identity: AppIdentity): boolean {
  return comment.performed_via_github_app?.id === identity.id || comment.user?.login === identity.login;
}
