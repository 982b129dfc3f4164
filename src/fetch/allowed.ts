/**
 * Which URLs the app may request. Links come from untrusted issue text, so the
 * app only talks to a short list of hosts, only over https, and applies the same
 * rule to every redirect hop (a link must not bounce the app to an internal host).
 */

/** Where the logs people link live: GitHub attachments, the hosts they redirect to, syzbot's dashboard. */
export const DEFAULT_FETCH_HOSTS: readonly string[] = [
  "github.com",
  "user-images.githubusercontent.com",
  "objects.githubusercontent.com",
  "syzkaller.appspot.com",
];

/** A link the user wrote, or a redirect the server answered with. */
export type Hop = "link" | "redirect";

const REASONS: Record<Hop, { scheme: string; credentials: string; host: string }> = {
  link: { scheme: "not https", credentials: "credentials in the URL", host: "host not allowed: " },
  redirect: {
    scheme: "redirect to a URL that is not https",
    credentials: "redirect to a URL with credentials",
    host: "redirect to a host that is not allowed: ",
  },
};

/** `text` as an absolute URL (resolved against `base` for a relative Location), or null. */
export function parseUrl(text: string, base?: URL): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}

/**
 * Why `url` must not be requested, or null when it may. The host match is exact and
 * includes the port, so neither `github.com.evil.example` nor `github.com:8443` passes.
 */
export function refusal(url: URL, hosts: readonly string[], hop: Hop = "link"): string | null {
  const reasons = REASONS[hop];
  if (url.protocol !== "https:") return reasons.scheme;
  if (url.username !== "" || url.password !== "") return reasons.credentials;
  if (!hosts.some((host) => host.toLowerCase() === url.host)) return reasons.host + url.host;
  return null;
}

/** A link the app may request, or the short reason it may not (for the comment). */
export function checkLink(link: string, hosts: readonly string[]): { ok: true; url: URL } | { ok: false; error: string } {
  const url = parseUrl(link);
  if (url === null) return { ok: false, error: "invalid URL" };
  const reason = refusal(url, hosts);
  return reason === null ? { ok: true, url } : { ok: false, error: reason };
}
