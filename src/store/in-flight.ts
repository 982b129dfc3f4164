/** The work this process has started and not finished: a graceful shutdown waits for it. */
export class InFlight {
  readonly #running = new Set<Promise<unknown>>();
  readonly #idle = new Set<() => void>();

  /** Runs `work` and counts it until it settles; its result and error are the caller's. */
  track<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    this.#running.add(running);
    const settled = () => {
      this.#running.delete(running);
      if (this.#running.size === 0) for (const resolve of this.#idle) resolve();
    };
    running.then(settled, settled);
    return running;
  }

  get size(): number {
    return this.#running.size;
  }

  /** True once nothing runs, false if something still does after `timeoutMs`. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.#running.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (drained: boolean) => {
        clearTimeout(timer);
        this.#idle.delete(idle);
        resolve(drained);
      };
      const idle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#idle.add(idle);
    });
  }
}
