import { apiErrorSchema } from "@voucher-desk/vouchers";

/** The error responses a route can give, each the one error shape, for its schema and OpenAPI. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof apiErrorSchema> {
  return Object.fromEntries(statuses.map((status) => [status, apiErrorSchema])) as Record<
    S,
    typeof apiErrorSchema
  >;
}

/** Every route that reaches upstream can fail in these ways (errors.ts maps them). */
export const UPSTREAM_ERROR_STATUSES = [429, 500, 502, 503, 504] as const;
