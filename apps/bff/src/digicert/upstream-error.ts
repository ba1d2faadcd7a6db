/**
 * What went wrong upstream, in the client's words. The client throws only this; `errors.ts`
 * maps each kind to our status, code and message in one place. Messages name what happened,
 * never the upstream URL or a header, because they end up in logs.
 */
export type UpstreamFailure =
  /** DigiCert refused the key (403, or 401 from a proxy in front of it). */
  | "auth"
  /** The certificate order does not exist or is not visible to this key (404). */
  | "order_not_found"
  /** DigiCert said 429 through every retry, or our own outbound budget is spent. */
  | "rate_limited"
  /** No answer at all (refused, reset, DNS) or 503 through every retry. */
  | "unavailable"
  /** Connect, headers or body took longer than configured. */
  | "timeout"
  /** An answer we cannot use: HTML or malformed JSON, a cut-off body, an unexpected status. */
  | "bad_response";

export interface UpstreamErrorDetails {
  /** The upstream HTTP status, when there was one. */
  status?: number;
  /** When trying again makes sense, for `Retry-After`. */
  retryAfterMs?: number;
  /** DigiCert's own error code (`access_denied|access_denied_invalid_key`), for logs. */
  upstreamCode?: string;
}

export class UpstreamError extends Error {
  override name = "UpstreamError";

  constructor(
    readonly kind: UpstreamFailure,
    message: string,
    readonly details: UpstreamErrorDetails = {},
  ) {
    super(message);
  }
}

export function isUpstreamError(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError;
}
