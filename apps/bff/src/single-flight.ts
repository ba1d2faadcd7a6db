/**
 * Identical concurrent calls share one execution: while a call for `key` is in flight, later
 * callers get the same promise. Nothing is remembered after it settles (caching is the
 * caller's choice), so a failure is not replayed to the next caller.
 */
export class SingleFlight<T> {
  readonly #inFlight = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const current = this.#inFlight.get(key);
    if (current) return current;
    const started = (async () => {
      try {
        return await work();
      } finally {
        this.#inFlight.delete(key);
      }
    })();
    this.#inFlight.set(key, started);
    return started;
  }

  has(key: string): boolean {
    return this.#inFlight.has(key);
  }
}
