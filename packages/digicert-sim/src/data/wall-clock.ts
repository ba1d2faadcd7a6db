/**
 * DigiCert's voucher timestamps are zone-less wall-clock strings. The simulator does its date
 * arithmetic on UTC milliseconds and formats back by hand, so the strings never depend on the
 * machine's zone, and 100,000 rows format without allocating a Date per field.
 */
export const DAY_MS = 86_400_000;

export function parseWallClock(text: string): number {
  const ms = Date.parse(`${text.length === 10 ? `${text}T00:00:00` : text.replace(" ", "T")}Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a wall-clock date: ${JSON.stringify(text)}`);
  return ms;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));
const dayCache = new Map<number, string>();

/** `YYYY-MM-DD` */
export function formatDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = dayCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayCache.set(day, text);
  }
  return text;
}

/** `YYYY-MM-DD hh:mm:ss` */
export function formatDateTime(ms: number): string {
  const seconds = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 1000);
  const hh = TWO_DIGITS[Math.floor(seconds / 3600)];
  const mm = TWO_DIGITS[Math.floor(seconds / 60) % 60];
  const ss = TWO_DIGITS[seconds % 60];
  return `${formatDate(ms)} ${hh}:${mm}:${ss}`;
}

/** Same calendar day `years` later (29 Feb falls back to 28 Feb), at midnight. */
export function addYears(ms: number, years: number): number {
  const date = new Date(ms);
  const target = Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), 1);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth() + 1, 0)).getUTCDate();
  return target + (Math.min(date.getUTCDate(), lastDay) - 1) * DAY_MS;
}
