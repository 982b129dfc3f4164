/**
 * Runs `run` under `key` unless a run of that key is already under way in this process: then its
 * promise is shared. Issues triaged together need the same lookups and writes once, not once each.
 */
export async function sharedRun<T>(running: Map<string, Promise<T>>, key: string, run: () => Promise<T>): Promise<T> {
  const under = running.get(key);
  if (under) return under;
  const started = run();
  running.set(key, started);
  try {
    return await started;
  } finally {
    running.delete(key);
  }
}
