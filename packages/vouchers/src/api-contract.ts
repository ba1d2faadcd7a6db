/**
 * The BFF ↔ web contract, defined once: the BFF validates what it sends, the SPA validates
 * what it receives.
 */
import type { UsedCode } from "@voucher-desk/digicert";
import { z } from "zod";

export const API_ERROR_CODES = [
  "bad_request",
  "not_found",
  "order_not_found",
  "upstream_auth",
  "upstream_rate_limited",
  "upstream_unavailable",
  "upstream_timeout",
  "upstream_bad_response",
  "rate_limited",
  "internal",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  error: z.object({ code: z.enum(API_ERROR_CODES), message: z.string().min(1) }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

const text = z.string().nullable();
const count = z.number().nullable();

/** A normalized used code as the BFF sends it (blanks already null, types settled). */
export const usedCodeSchema = z.object({
  id: z.number().int(),
  value: z.string(),
  product_name: text,
  no_of_fqdns: count,
  no_of_wildcards: count,
  shipping_method: text,
  validity_years: count,
  validity_days: count,
  status: text,
  created_date: text,
  voucher_order_id: z.number().int().nullable(),
  cert_request_date: text,
  cert_validity_start_date: text,
  cert_validity_end_date: text,
  cert_organization: text,
  cert_common_name: text,
  certificate_order_id: text,
  voucher_validity_end_date: text,
  order_valid_from: text,
  order_valid_till: text,
  server_licenses: count,
}) satisfies z.ZodType<UsedCode>;

export const DATA_SOURCES = ["digicert", "demo"] as const;
export const REGIONS = ["us", "eu"] as const;

export const usedCodesResponseSchema = z.object({
  codes: z.array(usedCodeSchema),
  /** When the BFF fetched the list from upstream (ISO 8601). */
  fetchedAt: z.iso.datetime({ offset: true }),
  source: z.enum(DATA_SOURCES),
  /** DigiCert instance; null in demo mode. */
  region: z.enum(REGIONS).nullable(),
  /** True while a cached list past its TTL is served and a refresh runs. */
  stale: z.boolean(),
});
export type UsedCodesResponse = z.infer<typeof usedCodesResponseSchema>;
