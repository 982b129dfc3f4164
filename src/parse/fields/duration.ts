/** Go's time.Duration text (`4h2m11.123s`, `52m3.5s`, `0s`, `1.5ms`) in seconds, or null. */
const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, "µs": 1e-6, ns: 1e-9 };
const PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/y;

export function parseGoDuration(text: string): number | null {
  if (text === "0s" || text === "0") return 0;
  if (text.length === 0 || text.length > 64) return null;
  let seconds = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const m = PART.exec(text);
    if (!m) return null;
    seconds += Number(m[1]) * (UNIT_SECONDS[m[2] ?? ""] ?? 0);
  }
  return seconds;
}
