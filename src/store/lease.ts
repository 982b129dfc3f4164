/**
 * Runs `fn` while renewing a lease every third of `leaseMs`, so that a live holder keeps it and a dead
 * one loses it. `renew` answers false when the lease is no longer ours; then, or when a renewal fails,
 * `lost` aborts and renewals stop (the work goes on: only its owner can stop it safely).
 */
export async function whileLeased<T>(leaseMs: number, renew: () => Promise<boolean>, fn: (lost: AbortSignal) => Promise<T>): Promise<T> {
  const lost = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const next = () => {
    timer = setTimeout(() => {
      renew().then(
        (held) => {
          if (!held) lost.abort(new Error("the lease was lost"));
          else if (!done) next();
        },
        (err: unknown) => lost.abort(err),
      );
    }, Math.max(1, Math.floor(leaseMs / 3)));
  };
  next();
  try {
    return await fn(lost.signal);
  } finally {
    done = true;
    clearTimeout(timer);
  }
}
