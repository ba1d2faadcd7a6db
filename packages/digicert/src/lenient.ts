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

/** What a scalar reader refused, and why (the zod issue's message on the schema path). */
export class Unreadable {
  constructor(readonly message: string) {}
}

export type RawScalar = string | number | null | undefined;

/**
 * One reader per kind of value, as a plain function: normalizing a list calls one per field per
 * row (2.1 million calls for 100,000 rows), and a zod `safeParse` each costs far more than the
 * check. The schemas below wrap the same functions, so both paths read a value the same way.
 */
export type ScalarReader<T> = (value: RawScalar) => T | Unreadable;

/** True for what `rawScalarSchema` accepts (zod 4 refuses NaN and the infinities). */
export function isRawScalar(value: unknown): value is RawScalar {
  return value == null || typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

function schemaOf<T>(read: ScalarReader<T>) {
  return rawScalarSchema.transform((value, ctx): T => {
    const result = read(value);
    return result instanceof Unreadable ? fail(ctx, value, result.message) : result;
  });
}

/** Free text (names, statuses, dates): trimmed, kept verbatim, blanks become null. */
export const readText: ScalarReader<string | null> = (value) => {
  if (value == null) return null;
  return typeof value === "number" ? String(value) : blankToNull(value);
};
export const textSchema = schemaOf(readText);

/**
 * Dates and date-times (`YYYY-MM-DD hh:mm:ss`, `YYYY-MM-DD`, ISO with `+00:00`): kept as the
 * wall-clock strings DigiCert sent. They never pass through `Date`, which would read a
 * zone-less date-time in the runtime's zone and shift a date-only value by a day in UTC.
 */
export const readDateText: ScalarReader<string | null> = (value) => {
  if (value == null) return null;
  if (typeof value === "number") return new Unreadable(`expected a date string, got the number ${value}`);
  return blankToNull(value);
};
export const dateTextSchema = schemaOf(readDateText);

/** Counts and sizes (`0`, `"2"`, `" 3 "`): a finite number, or null when blank. */
export const readCount: ScalarReader<number | null> = (value) => {
  if (value == null) return null;
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : new Unreadable(`expected a finite number, got ${value}`);
  }
  const text = blankToNull(value);
  if (text === null) return null;
  if (!DECIMAL.test(text)) return new Unreadable(`expected a number, got ${JSON.stringify(value)}`);
  return Number(text);
};
export const countSchema = schemaOf(readCount);

/**
 * Small integer ids (voucher code id, voucher order id): numbers, exact. A value past 2^53
 * cannot be held exactly, so it is refused instead of rounded.
 */
export const readIntegerId: ScalarReader<number | null> = (value) => {
  if (value == null) return null;
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && value >= 0
      ? value
      : new Unreadable(`expected a whole, non-negative id below 2^53, got ${value}`);
  }
  const text = blankToNull(value);
  if (text === null) return null;
  const parsed = Number(text);
  if (!DIGITS.test(text) || !Number.isSafeInteger(parsed)) {
    return new Unreadable(`expected a whole, non-negative id below 2^53, got ${JSON.stringify(value)}`);
  }
  return parsed;
};
export const integerIdSchema = schemaOf(readIntegerId);

/**
 * Values that look numeric but are identifiers (certificate order ids of 16+ digits, voucher
 * codes such as `333333333333333333333333333333E7`): strings, never passed through `Number`.
 * A JSON number is accepted only while it is a safe integer, because beyond 2^53 the exact
 * digits were already lost when the JSON was parsed.
 */
export const readStringId: ScalarReader<string | null> = (value) => {
  if (value == null) return null;
  if (typeof value === "number") {
    return Number.isSafeInteger(value)
      ? String(value)
      : new Unreadable(`an id arrived as the JSON number ${value}; its exact digits are lost`);
  }
  return blankToNull(value);
};
export const stringIdSchema = schemaOf(readStringId);

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
