import type { InFlight } from "../store/index.js";

/** Time the triages in flight get to finish after SIGTERM (orchestrators kill at 30 s by default; compose.yaml allows 30 s). */
const SHUTDOWN_GRACE_MS = 25_000;

export interface Shutdown {
  /** Stops taking webhooks: the listener closes, the requests already in go on. */
  stopAccepting(): Promise<void>;
  inFlight: InFlight;
  /** Lets go of what the app holds (Redis connections) once the work is done. */
  release(): Promise<void>;
  log: { info(fields: object, message: string): void; warn(fields: object, message: string): void };
  graceMs?: number;
}

/** Stops taking webhooks, waits for the triages in flight (up to the grace time), then releases. False if some did not finish. */
async function shutDown(steps: Shutdown): Promise<boolean> {
  const { inFlight, log, graceMs = SHUTDOWN_GRACE_MS } = steps;
  log.info({ inFlight: inFlight.size }, "shutting down: no new webhooks; waiting for the triages in flight");
  const stopped = steps.stopAccepting().then(() => log.info({ inFlight: inFlight.size }, "no longer listening"));
  const [, drained] = await Promise.all([stopped, inFlight.drained(graceMs)]);
  if (!drained) log.warn({ inFlight: inFlight.size, graceMs }, "shutting down with triages unfinished");
  await steps.release();
  return drained;
}

/** SIGTERM or SIGINT shuts down gracefully once; a second signal exits at once. */
export function shutDownOnSignals(steps: Shutdown): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    steps.log.info({ signal }, "signal received");
    shutDown(steps).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
