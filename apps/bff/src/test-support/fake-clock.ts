import type { Clock } from "../clock.js";

/**
 * A clock that moves only when told. `sleep` resolves once `advance` passes its wake time, so
 * time-based code is tested by its decisions, never by real waiting.
 */
export class FakeClock implements Clock {
  #now: number;
  readonly #sleepers: { wakeAt: number; wake: () => void }[] = [];
  /** Every sleep asked for, in ms, in order. */
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => this.#sleepers.push({ wakeAt: this.#now + ms, wake: resolve }));
  }

  /** Moves time forward, waking sleepers in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await flushMicrotasks();
      this.#sleepers.sort((a, b) => a.wakeAt - b.wakeAt);
      const next = this.#sleepers[0];
      if (!next || next.wakeAt > target) break;
      this.#sleepers.shift();
      this.#now = next.wakeAt;
      next.wake();
    }
    this.#now = target;
    await flushMicrotasks();
  }

  get sleeping(): number {
    return this.#sleepers.length;
  }
}

export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
