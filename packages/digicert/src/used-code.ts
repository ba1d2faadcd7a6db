import { z } from "zod";

/**
 * The used-code row: DigiCert's 21 documented fields, in DigiCert's key order. That order is
 * also the column order of DigiCert's CSV (`Accept: text/csv`), so the simulator writes its
 * CSV header from this list and the CSV reader checks against it.
 */
export const USED_CODE_FIELDS = [
  "id",
  "value",
  "product_name",
  "no_of_fqdns",
  "no_of_wildcards",
  "shipping_method",
  "validity_years",
  "validity_days",
  "status",
  "created_date",
  "voucher_order_id",
  "cert_request_date",
  "cert_validity_start_date",
  "cert_validity_end_date",
  "cert_organization",
  "cert_common_name",
  "certificate_order_id",
  "voucher_validity_end_date",
  "order_valid_from",
  "order_valid_till",
  "server_licenses",
] as const;

export type UsedCodeField = (typeof USED_CODE_FIELDS)[number];

/**
 * A used code after normalize(): the same 21 names, with DigiCert's blanks (`" "` or `""`)
 * turned into null and its drifting types settled once.
 *
 * - `id` and `voucher_order_id` are numbers (DigiCert's voucher ids stay far below 2^53).
 * - `certificate_order_id` and `value` stay strings: order ids may outgrow a JS number, and a
 *   code such as `333333333333333333333333333333E7` must never be read as a float.
 * - Date-times (`YYYY-MM-DD hh:mm:ss`) and dates (`YYYY-MM-DD`) stay the wall-clock strings
 *   DigiCert sent. They carry no zone; pushing them through `Date` shifts them.
 * - Only `id` and `value` are guaranteed; every other field may be absent on odd data.
 */
export interface UsedCode {
  id: number;
  value: string;
  product_name: string | null;
  no_of_fqdns: number | null;
  no_of_wildcards: number | null;
  shipping_method: string | null;
  validity_years: number | null;
  validity_days: number | null;
  status: string | null;
  created_date: string | null;
  voucher_order_id: number | null;
  cert_request_date: string | null;
  cert_validity_start_date: string | null;
  cert_validity_end_date: string | null;
  cert_organization: string | null;
  cert_common_name: string | null;
  certificate_order_id: string | null;
  voucher_validity_end_date: string | null;
  order_valid_from: string | null;
  order_valid_till: string | null;
  server_licenses: number | null;
}

/**
 * The normalized row as a schema, for whoever receives UsedCodes over the wire (the BFF's
 * response, the browser's check of it). `satisfies` fails the build if the interface gains a
 * field the schema lacks.
 */
export const usedCodeSchema = z.object({
  id: z.number(),
  value: z.string(),
  product_name: z.string().nullable(),
  no_of_fqdns: z.number().nullable(),
  no_of_wildcards: z.number().nullable(),
  shipping_method: z.string().nullable(),
  validity_years: z.number().nullable(),
  validity_days: z.number().nullable(),
  status: z.string().nullable(),
  created_date: z.string().nullable(),
  voucher_order_id: z.number().nullable(),
  cert_request_date: z.string().nullable(),
  cert_validity_start_date: z.string().nullable(),
  cert_validity_end_date: z.string().nullable(),
  cert_organization: z.string().nullable(),
  cert_common_name: z.string().nullable(),
  certificate_order_id: z.string().nullable(),
  voucher_validity_end_date: z.string().nullable(),
  order_valid_from: z.string().nullable(),
  order_valid_till: z.string().nullable(),
  server_licenses: z.number().nullable(),
}) satisfies z.ZodType<UsedCode>;
