/**
 * DigiCert's limits are per API key over rolling windows (no fixed reset instant):
 * 1000 requests per 3 minutes and 100 per 5 seconds today (docs/digicert-api.md §1.5).
 * This keeps the time of every accepted request of the longest window, per key, and counts
 * how many fall inside each window. A refused request is not counted, so a client that backs
 * off gets through again as soon as its oldest request leaves the window.
 */
export interface RateLimitWindow {
  limit: number;
  windowMs: number;
}

export const DIGICERT_RATE_LIMITS: readonly RateLimitWindow[] = [
  { limit: 100, windowMs: 5_000 },
  { limit: 1000, windowMs: 180_000 },
];

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class RollingWindowLimiter {
  readonly #windows: readonly RateLimitWindow[];
  readonly #longestMs: number;
  readonly #history = new Map<string, number[]>();

  constructor(windows: readonly RateLimitWindow[]) {
    for (const window of windows) {
      if (!Number.isInteger(window.limit) || window.limit < 1 || !(window.windowMs > 0)) {
        throw new RangeError(
          `a rate-limit window needs a limit >= 1 and a positive length, got ${JSON.stringify(window)}`,
        );
      }
    }
    this.#windows = windows;
    this.#longestMs = Math.max(0, ...windows.map((window) => window.windowMs));
  }

  take(key: string, now: number): RateDecision {
    if (this.#windows.length === 0) return { allowed: true };
    const times = this.#history.get(key) ?? [];
    let stale = 0;
    while (stale < times.length && (times[stale] ?? 0) <= now - this.#longestMs) stale++;
    if (stale > 0) times.splice(0, stale);

    let retryAfterMs = 0;
    for (const { limit, windowMs } of this.#windows) {
      const inWindow = times.length - firstIndexAfter(times, now - windowMs);
      if (inWindow >= limit) {
        // The request that frees a slot is the limit-th newest one in this window.
        const freeing = times[times.length - limit] ?? now;
        retryAfterMs = Math.max(retryAfterMs, freeing + windowMs - now);
      }
    }
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    times.push(now);
    this.#history.set(key, times);
    return { allowed: true };
  }

  reset(): void {
    this.#history.clear();
  }
}

/** Index of the first time strictly after `after` (times are ascending). */
function firstIndexAfter(times: readonly number[], after: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] ?? 0) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}
