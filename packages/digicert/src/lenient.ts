import { z } from "zod";

/**
 * Readers for single DigiCert values. DigiCert's docs and its examples disagree on types
 * (`"1"` vs `1`), and it marks "absent" with `" "` or `""`, so every reader accepts a string
 * or a number (or nothing) and settles it once. A value that cannot be read is a zod issue,
 * never a guess: the caller decides whether that loses the field or the whole row.
 */

/** What a raw scalar may be on the wire. */
export const rawScalarSchema = z.union([z.string(), z.number()]).nullish();

/** `" "`, `""` and surrounding whitespace: the trimmed text, or null when nothing is left. */
export function blankToNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

function fail(ctx: z.core.$RefinementCtx<unknown>, input: unknown, message: string): never {
  ctx.issues.push({ code: "custom", input, message });
  return z.NEVER;
}

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const DIGITS = /^\d+$/;

/** Free text (names, statuses, dates): trimmed, kept verbatim, blanks become null. */
export const textSchema = rawScalarSchema.transform((value) => {
  if (value == null) return null;
  return typeof value === "number" ? String(value) : blankToNull(value);
});

/**
 * Dates and date-times (`YYYY-MM-DD hh:mm:ss`, `YYYY-MM-DD`, ISO with `+00:00`): kept as the
 * wall-clock strings DigiCert sent. They never pass through `Date`, which would read a
 * zone-less date-time in the runtime's zone and shift a date-only value by a day in UTC.
 */
export const dateTextSchema = rawScalarSchema.transform((value, ctx) => {
  if (value == null) return null;
  if (typeof value === "number") return fail(ctx, value, `expected a date string, got the number ${value}`);
  return blankToNull(value);
});

/** Counts and sizes (`0`, `"2"`, `" 3 "`): a finite number, or null when blank. */
export const countSchema = rawScalarSchema.transform((value, ctx) => {
  if (value == null) return null;
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : fail(ctx, value, `expected a finite number, got ${value}`);
  }
  const text = blankToNull(value);
  if (text === null) return null;
  if (!DECIMAL.test(text)) return fail(ctx, value, `expected a number, got ${JSON.stringify(value)}`);
  return Number(text);
});

/**
 * Small integer ids (voucher code id, voucher order id): numbers, exact. A value past 2^53
 * cannot be held exactly, so it is refused instead of rounded.
 */
export const integerIdSchema = rawScalarSchema.transform((value, ctx) => {
  if (value == null) return null;
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && value >= 0
      ? value
      : fail(ctx, value, `expected a whole, non-negative id below 2^53, got ${value}`);
  }
  const text = blankToNull(value);
  if (text === null) return null;
  const parsed = Number(text);
  if (!DIGITS.test(text) || !Number.isSafeInteger(parsed)) {
    return fail(ctx, value, `expected a whole, non-negative id below 2^53, got ${JSON.stringify(value)}`);
  }
  return parsed;
});

/**
 * Values that look numeric but are identifiers (certificate order ids of 16+ digits, voucher
 * codes such as `333333333333333333333333333333E7`): strings, never passed through `Number`.
 * A JSON number is accepted only while it is a safe integer, because beyond 2^53 the exact
 * digits were already lost when the JSON was parsed.
 */
export const stringIdSchema = rawScalarSchema.transform((value, ctx) => {
  if (value == null) return null;
  if (typeof value === "number") {
    return Number.isSafeInteger(value)
      ? String(value)
      : fail(ctx, value, `an id arrived as the JSON number ${value}; its exact digits are lost`);
  }
  return blankToNull(value);
});

/** DigiCert's flags: `"1"`, `1`, `true` mean yes; `"0"`, `0`, `false`, blank or absent mean no. */
export const flagSchema = z
  .union([z.boolean(), z.string(), z.number()])
  .nullish()
  .transform((value, ctx) => {
    if (value == null || value === false || value === 0) return false;
    if (value === true || value === 1) return true;
    if (typeof value === "number") return fail(ctx, value, `expected a flag (0 or 1), got ${value}`);
    const text = value.trim().toLowerCase();
    if (text === "" || text === "0" || text === "false") return false;
    if (text === "1" || text === "true") return true;
    return fail(ctx, value, `expected a flag ("0" or "1"), got ${JSON.stringify(value)}`);
  });

/** The first issue's message, for logs and rejection reasons. */
export function firstIssueMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid value";
  const path = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${path}${issue.message}`;
}
