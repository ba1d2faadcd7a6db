import { type UsedCode, usedCodeSchema } from "@voucher-desk/digicert";
import { type UsedCodesResponse, usedCodesResponseSchema } from "@voucher-desk/vouchers";

/** Rows checked in full besides the first and the last, evenly spaced. */
const SPOT_CHECKS = 16;

/** The positions checked in a list of `length` rows: first, last and evenly spaced between. */
export function spotCheckPositions(length: number): number[] {
  if (length === 0) return [];
  const positions = new Set([0, length - 1]);
  for (let i = 1; i <= SPOT_CHECKS; i++) positions.add(Math.floor((i * (length - 1)) / (SPOT_CHECKS + 1)));
  return [...positions].sort((a, b) => a - b);
}

const envelopeSchema = usedCodesResponseSchema.omit({ codes: true });

/**
 * `/api/used-codes` and its refresh: the envelope validated in full, the rows by a spot check.
 * The BFF built every row with the same normalizer and serializer, so rows cannot differ from
 * one another; what the check exists for is a page and a server of different versions (a renamed
 * or retyped field), which shows in any row. Validating all 100,000 rows held the browser
 * ~110-190 ms for that; 18 rows do the same job. Unlike the full schema, a row keeps keys the
 * schema does not know (the server sends none).
 */
export const usedCodesResponseSpotCheck = {
  parse(input: unknown): UsedCodesResponse {
    const envelope = envelopeSchema.parse(input);
    const codes: unknown = (input as { codes?: unknown }).codes;
    if (!Array.isArray(codes)) throw new TypeError("codes: expected a list");
    for (const at of spotCheckPositions(codes.length)) {
      const checked = usedCodeSchema.safeParse(codes[at]);
      if (!checked.success) {
        const fields = checked.error.issues.map((issue) => issue.path.join(".")).join(", ");
        throw new TypeError(`codes[${at}]: unexpected ${fields}`, { cause: checked.error });
      }
    }
    return { ...envelope, codes: codes as UsedCode[] };
  },
};
