/**
 * A Map that forgets its oldest entries beyond `limit`, and (with `ttlMs`)
 * entries older than that: lookups repeat across edits, memory must not grow,
 * and some answers (who owns an email) change.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, { value: V; at: number }>();
  constructor(
    readonly limit: number,
    readonly ttlMs = Number.POSITIVE_INFINITY,
    readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() - entry.at < this.ttlMs) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, at: this.now() });
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value as K);
  }
}
