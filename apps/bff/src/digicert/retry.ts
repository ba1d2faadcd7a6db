/**
 * When to try an upstream request again. DigiCert documents no Retry-After on 429, but a proxy
 * or a future version may send one, in seconds or as an HTTP date; without it we back off
 * exponentially with full jitter so many waiting callers do not return in lockstep.
 */

/** Parses `Retry-After` (delta-seconds or HTTP-date) into milliseconds from `now`; null if absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a weekday or month; refuse bare numbers with signs, decimals, etc.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** Full-jitter exponential backoff: uniform in [0, min(cap, base·2^retry)]. */
export function backoffDelay(
  retry: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.round(random() * ceiling);
}
