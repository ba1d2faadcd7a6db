import { z } from "zod";
import { DigicertPayloadError } from "./errors.js";
import { countSchema } from "./lenient.js";
import { type NormalizedUsedCodes, normalizeUsedCodes } from "./normalize-used-code.js";

/** The `page` object of a list response: `{"total":N,"limit":L,"offset":O}`. */
export interface ListPage {
  total: number;
  limit: number | null;
  offset: number | null;
}

const rawPageSchema = z.looseObject({ total: countSchema, limit: countSchema, offset: countSchema });

/**
 * The used-codes list response. DigiCert omits the array key when a list is empty and may or
 * may not send `page`, so both are optional; a missing `codes` is an empty list, not an error.
 */
export const rawUsedCodesResponseSchema = z.looseObject({
  codes: z.array(z.unknown()).nullish(),
  page: z.unknown().optional(),
});

export interface UsedCodesPage extends NormalizedUsedCodes {
  /** How many rows the response held before normalization (for paging by offset). */
  received: number;
  /** null when the response carried no readable `page`: then it is the whole list. */
  page: ListPage | null;
}

/**
 * One used-codes response body → normalized rows plus its page. Throws DigicertPayloadError
 * only when the body is not a used-codes response at all; bad rows are reported, not thrown.
 */
export function readUsedCodesResponse(body: unknown): UsedCodesPage {
  const parsed = rawUsedCodesResponseSchema.safeParse(body);
  if (!parsed.success) {
    const what = Array.isArray(body) ? "an array" : body === null ? "null" : typeof body;
    throw new DigicertPayloadError(
      typeof body === "object" && body !== null && !Array.isArray(body)
        ? "used-codes response: `codes` is not an array"
        : `used-codes response: expected a JSON object, got ${what}`,
    );
  }
  const rows = parsed.data.codes ?? [];
  return { ...normalizeUsedCodes(rows), received: rows.length, page: readPage(parsed.data.page) };
}

function readPage(raw: unknown): ListPage | null {
  const page = rawPageSchema.safeParse(raw);
  if (!page.success) return null;
  const { total, limit, offset } = page.data;
  return total === null ? null : { total, limit, offset };
}
