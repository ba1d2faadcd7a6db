import { type Clock, systemClock } from "../clock.js";
import type { BudgetWindow } from "../config.js";

/**
 * The outbound request budget. DigiCert's limits are per key, so every user of this BFF (and,
 * later, every replica) draws from one budget. This interface is the seam for a shared one: a
 * Redis token bucket can implement it without touching the client (DESIGN.md §4).
 */
export interface OutboundBudget {
  /**
   * Takes one request slot, waiting up to `maxWaitMs` for one to free up. Resolves `granted`
   * when the caller may send now; otherwise no slot was taken and `retryAfterMs` says when
   * trying again makes sense.
   */
  acquire(maxWaitMs: number): Promise<BudgetGrant>;
  /** Upstream said 429: nobody sends before `retryAfterMs` has passed. */
  pause(retryAfterMs: number): void;
}

export type BudgetGrant = { granted: true } | { granted: false; retryAfterMs: number };

/**
 * An in-process rolling-window budget: a slot is free when every window holds fewer than its
 * limit of grants inside its span. Rolling, like DigiCert's own windows, so a burst at the end
 * of one span and the start of the next cannot double the rate.
 */
export class InMemoryBudget implements OutboundBudget {
  readonly #windows: BudgetWindow[];
  readonly #clock: Clock;
  /** Grant times, oldest first, kept as long as the longest window. */
  readonly #grants: number[] = [];
  #pausedUntil = 0;

  constructor(windows: BudgetWindow[], clock: Clock = systemClock) {
    if (windows.length === 0) throw new Error("an outbound budget needs at least one window");
    this.#windows = windows;
    this.#clock = clock;
  }

  async acquire(maxWaitMs: number): Promise<BudgetGrant> {
    const deadline = this.#clock.now() + maxWaitMs;
    for (;;) {
      const now = this.#clock.now();
      const waitMs = this.#waitFor(now);
      if (waitMs === 0) {
        this.#grants.push(now);
        return { granted: true };
      }
      if (now + waitMs > deadline) return { granted: false, retryAfterMs: waitMs };
      // Re-check after sleeping: others may have taken the slot that freed up.
      await this.#clock.sleep(waitMs);
    }
  }

  pause(retryAfterMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + retryAfterMs);
  }

  /** Milliseconds until a slot is free in every window (0 = now). */
  #waitFor(now: number): number {
    const longest = Math.max(...this.#windows.map((w) => w.windowMs));
    while (this.#grants.length > 0 && (this.#grants[0] as number) <= now - longest) this.#grants.shift();

    let wait = Math.max(0, this.#pausedUntil - now);
    for (const { limit, windowMs } of this.#windows) {
      const inWindow = this.#countSince(now - windowMs);
      if (inWindow >= limit) {
        // The slot frees when the grant that pushed this window to its limit ages out.
        const oldestBlocking = this.#grants[this.#grants.length - limit] as number;
        wait = Math.max(wait, oldestBlocking + windowMs - now);
      }
    }
    return wait;
  }

  #countSince(since: number): number {
    // Grants are sorted: binary search for the first one inside the window.
    let low = 0;
    let high = this.#grants.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#grants[mid] as number) > since) high = mid;
      else low = mid + 1;
    }
    return this.#grants.length - low;
  }
}
