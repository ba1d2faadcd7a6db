/**
 * The BFF ↔ web contract, defined once: the BFF validates what it sends, the SPA validates
 * what it receives.
 */
import { usedCodeSchema } from "@voucher-desk/digicert";
import { z } from "zod";

export const API_ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
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

export const DATA_SOURCES = ["digicert", "demo"] as const;
export const REGIONS = ["us", "eu"] as const;

export const usedCodesResponseSchema = z.object({
  /** Normalized rows: the upstream package owns their schema. */
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

/** Who may use the dashboard (the BFF's AUTH_MODE). */
export const AUTH_MODES = ["login", "proxy", "none"] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** Longest user name accepted from the login form or a proxy header (an e-mail address fits). */
export const USER_NAME_MAX = 256;

/** `GET /api/session`, and the answer to login and logout: what the page needs to show and send. */
export const sessionInfoSchema = z.object({
  mode: z.enum(AUTH_MODES),
  /** Null when nobody is signed in, and always in `none` mode. */
  user: z.string().max(USER_NAME_MAX).nullable(),
  /** Sent back as `X-CSRF-Token` on every POST. */
  csrfToken: z.string().min(1),
  /** Proxy mode: where "Sign out" sends the browser. */
  logoutUrl: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
