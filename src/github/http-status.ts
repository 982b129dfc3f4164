/** The HTTP status of a failed GitHub request (octokit's RequestError), if it has one. */
export function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}
