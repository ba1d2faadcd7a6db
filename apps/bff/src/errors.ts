import type { ApiError, ApiErrorCode } from "@voucher-desk/vouchers";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isUpstreamError, type UpstreamError } from "./digicert/upstream-error.js";

/**
 * One error shape for every route, `{ "error": { "code", "message" } }`, and the one place
 * where upstream failures become our statuses. Messages tell a person what happened and what
 * to do. Nothing from a stack trace, an upstream URL or a header reaches a response.
 */

export class HttpError extends Error {
  override name = "HttpError";

  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Seconds for `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** How long to suggest waiting when upstream gave no hint (seconds). */
const DEFAULT_RETRY_AFTER_SECONDS = 10;

function retrySeconds(error: UpstreamError): number {
  const ms = error.details.retryAfterMs;
  return ms === undefined ? DEFAULT_RETRY_AFTER_SECONDS : Math.max(1, Math.ceil(ms / 1000));
}

/** Every upstream failure → status, code and a message a person can act on. */
export function fromUpstream(error: UpstreamError): HttpError {
  switch (error.kind) {
    case "auth":
      // The operator's problem, not the browser user's: never a 401, which would suggest logging in.
      return new HttpError(
        502,
        "upstream_auth",
        "DigiCert rejected this server's API key. The server's operator must check DIGICERT_API_KEY " +
          "(or DIGICERT_API_KEY_FILE): the key must be valid, active and allowed to read voucher codes.",
      );
    case "order_not_found":
      return new HttpError(404, "order_not_found", "Order not found, or not visible to this API key.");
    case "rate_limited": {
      const seconds = retrySeconds(error);
      return new HttpError(
        503,
        "upstream_rate_limited",
        `DigiCert's request limit is reached for now. Try again in ${seconds} s.`,
        seconds,
      );
    }
    case "unavailable": {
      const seconds = retrySeconds(error);
      return new HttpError(
        503,
        "upstream_unavailable",
        `DigiCert cannot be reached right now. Try again in ${seconds} s.`,
        seconds,
      );
    }
    case "timeout":
      return new HttpError(
        504,
        "upstream_timeout",
        "DigiCert took too long to answer. Try again in a moment.",
      );
    case "bad_response":
      return new HttpError(
        502,
        "upstream_bad_response",
        "DigiCert sent an answer this server cannot read. Try again later; if it persists, the server log says more.",
      );
  }
}

export function errorBody(code: ApiErrorCode, message: string): ApiError {
  return { error: { code, message } };
}

function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  if (error.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.retryAfterSeconds));
  return reply
    .code(error.statusCode)
    .type("application/json; charset=utf-8")
    .send(errorBody(error.code, error.message));
}

function fromValidation(error: FastifyError): HttpError {
  const issue = error.validation?.[0];
  const where = error.validationContext ?? "request";
  const path = issue?.instancePath ? issue.instancePath.replace(/^\//, "").replaceAll("/", ".") : "";
  const detail = issue?.message ?? "is invalid";
  return new HttpError(400, "bad_request", `Invalid ${where}${path ? ` "${path}"` : ""}: ${detail}.`);
}

/** Client errors Fastify raises itself (bad JSON body, unsupported media type, …). */
function fromFastifyClientError(error: FastifyError): HttpError {
  const status = error.statusCode ?? 400;
  if (status === 404) return new HttpError(404, "not_found", "Not found.");
  if (status === 429)
    return new HttpError(429, "rate_limited", "Too many requests. Slow down and try again shortly.");
  return new HttpError(status, "bad_request", error.message);
}

export function toHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  if (isUpstreamError(error)) return fromUpstream(error);
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(error) || fastifyError.validation)
    return fromValidation(fastifyError);
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500)
    return fromFastifyClientError(fastifyError);
  return null;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toHttpError(error);
    if (known) {
      const level = known.statusCode >= 500 ? "warn" : "info";
      request.log[level](
        { code: known.code, status: known.statusCode, cause: describeCause(error) },
        "request failed",
      );
      return sendError(reply, known);
    }
    request.log.error({ err: error }, "unexpected error");
    return sendError(
      reply,
      new HttpError(500, "internal", "Something went wrong on this server. Try again."),
    );
  });
}

/** What the log keeps about an upstream failure: its kind, message and DigiCert's code. */
function describeCause(error: unknown): Record<string, unknown> | undefined {
  if (!isUpstreamError(error)) return undefined;
  return { kind: error.kind, message: error.message, ...error.details };
}

export { sendError };
