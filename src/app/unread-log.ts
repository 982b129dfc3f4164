/**
 * A wanted log whose host failed in a way that may pass (5xx, 429, a timeout, a connection error). It fails
 * the triage before anything is written, so that the retry queue asks again later instead of replacing a
 * summary judged from that log by one without it; only the last try writes with the log noted as unread.
 */
export class LogNotYetRead extends Error {
  override name = "LogNotYetRead";

  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`the linked log ${url} could not be read (${reason}); the triage waits for it`);
  }
}
