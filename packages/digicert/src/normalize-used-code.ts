import { z } from "zod";
import {
  firstIssueMessage,
  isRawScalar,
  rawScalarSchema,
  readCount,
  readDateText,
  readIntegerId,
  readStringId,
  readText,
  type ScalarReader,
  Unreadable,
} from "./lenient.js";
import { USED_CODE_FIELDS, type UsedCode, type UsedCodeField } from "./used-code.js";

/**
 * How each of the 21 fields is read from DigiCert's drifting payload (DESIGN.md, UsedCode).
 * One table for the JSON and the CSV path, so both give the same rows.
 */
const FIELD_READERS = {
  id: readIntegerId,
  value: readStringId,
  product_name: readText,
  no_of_fqdns: readCount,
  no_of_wildcards: readCount,
  shipping_method: readText,
  validity_years: readCount,
  validity_days: readCount,
  status: readText,
  created_date: readDateText,
  voucher_order_id: readIntegerId,
  cert_request_date: readDateText,
  cert_validity_start_date: readDateText,
  cert_validity_end_date: readDateText,
  cert_organization: readText,
  cert_common_name: readText,
  certificate_order_id: readStringId,
  voucher_validity_end_date: readDateText,
  order_valid_from: readDateText,
  order_valid_till: readDateText,
  server_licenses: readCount,
} satisfies { [F in UsedCodeField]: ScalarReader<UsedCode[F] | null> };

/**
 * A raw used-code row as DigiCert may send it: every documented field optional, each a string
 * or a number, unknown extra keys kept. It checks shape only; normalizeUsedCode() settles types.
 */
export const rawUsedCodeSchema = z.looseObject(
  Object.fromEntries(USED_CODE_FIELDS.map((field) => [field, rawScalarSchema])) as {
    [F in UsedCodeField]: typeof rawScalarSchema;
  },
);
export type RawUsedCode = z.input<typeof rawUsedCodeSchema>;

/** A field that could not be read and was set to null; its row was kept. */
export interface UsedCodeFieldIssue {
  field: UsedCodeField;
  reason: string;
}

export type UsedCodeReading =
  | { ok: true; code: UsedCode; issues: UsedCodeFieldIssue[] }
  | { ok: false; reason: string };

/**
 * One raw row → UsedCode. A row without a usable `id` or `value` cannot be shown, filtered or
 * linked, so it is refused with a reason; any other unreadable field becomes null and is
 * listed in `issues`, because hiding a redeemed code from an audit view is worse than one
 * empty cell. Never throws.
 */
export function normalizeUsedCode(raw: unknown): UsedCodeReading {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: `expected an object, got ${describe(raw)}` };
  }
  const row = raw as Record<string, unknown>;
  const code: Record<string, unknown> = {};
  const issues: UsedCodeFieldIssue[] = [];
  for (const field of USED_CODE_FIELDS) {
    const value = row[field];
    // Anything but a string, a number or nothing is refused by the shared raw schema, whose
    // message then names what arrived; the common case never builds a zod result.
    const read = isRawScalar(value) ? FIELD_READERS[field](value) : notRawScalar(value);
    if (read instanceof Unreadable) {
      code[field] = null;
      issues.push({ field, reason: read.message });
    } else {
      code[field] = read;
    }
  }
  for (const key of ["id", "value"] as const) {
    if (code[key] === null) {
      const issue = issues.find((i) => i.field === key);
      return { ok: false, reason: issue ? `${key}: ${issue.reason}` : `${key} is missing or blank` };
    }
  }
  return { ok: true, code: code as unknown as UsedCode, issues };
}

function notRawScalar(value: unknown): Unreadable {
  const parsed = rawScalarSchema.safeParse(value);
  return new Unreadable(parsed.success ? "invalid value" : firstIssueMessage(parsed.error));
}

/** A row left out of the list, with where it was and why. */
export interface RejectedUsedCode {
  index: number;
  reason: string;
}

/** A kept row with a field set to null. */
export interface UsedCodeRowIssue extends UsedCodeFieldIssue {
  index: number;
  id: number;
}

export interface NormalizedUsedCodes {
  codes: UsedCode[];
  rejected: RejectedUsedCode[];
  fieldIssues: UsedCodeRowIssue[];
}

/** Raw rows → UsedCodes, in order. Rejections and field issues are returned for the caller to log. */
export function normalizeUsedCodes(rawList: readonly unknown[]): NormalizedUsedCodes {
  const result: NormalizedUsedCodes = { codes: [], rejected: [], fieldIssues: [] };
  rawList.forEach((raw, index) => {
    appendUsedCode(result, index, raw);
  });
  return result;
}

/** Normalizes one row into a running result; shared by the JSON list and the CSV reader. */
export function appendUsedCode(into: NormalizedUsedCodes, index: number, raw: unknown): void {
  const reading = normalizeUsedCode(raw);
  if (!reading.ok) {
    into.rejected.push({ index, reason: reading.reason });
    return;
  }
  into.codes.push(reading.code);
  for (const issue of reading.issues) into.fieldIssues.push({ index, id: reading.code.id, ...issue });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string ${JSON.stringify(value.slice(0, 40))}` : typeof value;
}
