/**
 * Where `subsystems.maintainers` says the MAINTAINERS file is: a path in the
 * kernel tree the project follows (its default MAINTAINERS falls back to the
 * bundled snapshot when the tree has none), a file of another repository
 * (`torvalds/linux@master:MAINTAINERS`), the bundled snapshot alone, or nowhere.
 */
export type MaintainersLocation =
  | { kind: "repository"; owner: string | null; repo: string | null; ref: string | null; path: string; fallback: boolean }
  | { kind: "bundled" }
  | { kind: "none" };

const ELSEWHERE = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})@([^\s:]{1,100}):(\S{1,200})$/;
export const DEFAULT_MAINTAINERS = "MAINTAINERS";

/** null for a value that is none of the forms (the config schema rejects it). */
export function maintainersLocation(value: string): MaintainersLocation | null {
  if (value === "") return { kind: "none" };
  if (value === "bundled") return { kind: "bundled" };
  const m = ELSEWHERE.exec(value);
  if (m) return { kind: "repository", owner: m[1] as string, repo: m[2] as string, ref: m[3] as string, path: m[4] as string, fallback: false };
  if (/^[\w./-]{1,200}$/.test(value) && !value.startsWith("/") && !value.split("/").includes("..")) {
    return { kind: "repository", owner: null, repo: null, ref: null, path: value, fallback: value === DEFAULT_MAINTAINERS };
  }
  return null;
}
