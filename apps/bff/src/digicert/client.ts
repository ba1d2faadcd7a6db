import { parseDigicertError } from "@voucher-desk/digicert";
import type { FastifyBaseLogger } from "fastify";
import { Agent, type Dispatcher, interceptors, errors as undiciErrors } from "undici";
import { type Clock, systemClock } from "../clock.js";
import type { ClientConfig } from "../config.js";
import type { Secret } from "../secret.js";
import { SingleFlight } from "../single-flight.js";
import type { OutboundBudget } from "./budget.js";
import { backoffDelay, parseRetryAfter } from "./retry.js";
import { UpstreamError } from "./upstream-error.js";

/**
 * The only code that talks to DigiCert. It knows two paths, builds every URL from the fixed
 * base, and sends a header set made fresh for each request: the key, Accept, Accept-Encoding
 * and User-Agent, nothing taken from a browser request. Redirects are not followed (the key
 * must not travel to another host). Every attempt, retries included, draws on the shared
 * outbound budget, and identical concurrent requests share one call.
 */

export interface DigicertClientOptions extends Omit<ClientConfig, "budget"> {
  baseUrl: string;
  apiKey: Secret;
  userAgent: string;
  budget: OutboundBudget;
  logger: FastifyBaseLogger;
  clock?: Clock;
  random?: () => number;
}

export interface UsedCodesPageQuery {
  limit: number;
  offset: number;
  sort: string;
}

/** A decoded body is capped so a runaway upstream cannot exhaust memory (100,000 codes ≈ 60 MB). */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

export class DigicertClient {
  readonly #options: DigicertClientOptions;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #agent: Agent;
  readonly #dispatcher: Dispatcher;
  readonly #flights = new SingleFlight<unknown>();

  constructor(options: DigicertClientOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#agent = new Agent({
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });
    // Decoding drops Content-Encoding and Content-Length, so nothing stale is passed on.
    // Error bodies are decoded too: a gzipped HTML error page must still be recognisable.
    this.#dispatcher = this.#agent.compose(
      interceptors.decompress({ skipErrorResponses: false, maxSize: MAX_BODY_BYTES }),
    );
  }

  /** One page of `GET /voucher/download/used-codes`, parsed JSON (shape checked by the caller). */
  listUsedCodes(query: UsedCodesPageQuery): Promise<unknown> {
    const params = new URLSearchParams({
      limit: String(query.limit),
      offset: String(query.offset),
      sort: query.sort,
    });
    return this.#get(`/voucher/download/used-codes?${params}`, "used-codes");
  }

  /** `GET /order/certificate/{id}`, parsed JSON. The id must already be digits only. */
  getOrder(orderId: string): Promise<unknown> {
    if (!/^[0-9]+$/.test(orderId)) throw new Error("order ids are validated before they reach the client");
    return this.#get(`/order/certificate/${orderId}`, "order");
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  #get(pathAndQuery: string, resource: Resource): Promise<unknown> {
    return this.#flights.run(pathAndQuery, () => this.#getWithRetries(pathAndQuery, resource));
  }

  async #getWithRetries(pathAndQuery: string, resource: Resource): Promise<unknown> {
    const { maxAttempts, maxRetryWaitMs, budget, budgetMaxWaitMs, logger } = this.#options;
    for (let attempt = 1; ; attempt++) {
      const grant = await budget.acquire(budgetMaxWaitMs);
      if (!grant.granted) {
        logger.warn(
          { path: pathAndQuery, retryAfterMs: grant.retryAfterMs },
          "outbound budget spent; not sending",
        );
        throw new UpstreamError("rate_limited", "the outbound request budget is spent", {
          retryAfterMs: grant.retryAfterMs,
        });
      }

      logger.trace({ path: pathAndQuery, attempt }, "calling DigiCert");
      const started = this.#clock.now();
      const answer = await this.#send(pathAndQuery);
      logger.debug(
        { path: pathAndQuery, status: answer.status, attempt, ms: this.#clock.now() - started },
        "DigiCert answered",
      );

      if (answer.status >= 200 && answer.status < 300) return parseJsonBody(answer);

      if (answer.status === 429 || answer.status === 503) {
        const waitMs =
          parseRetryAfter(answer.headers["retry-after"], this.#clock.now()) ??
          backoffDelay(
            attempt - 1,
            { baseMs: this.#options.backoffBaseMs, capMs: this.#options.backoffCapMs },
            this.#random,
          );
        // DigiCert's limit is per key: every caller of this BFF must hold back, not only this one.
        if (answer.status === 429) budget.pause(waitMs);
        if (attempt < maxAttempts && waitMs <= maxRetryWaitMs) {
          logger.warn(
            { path: pathAndQuery, status: answer.status, attempt, waitMs },
            "DigiCert asked us to wait; retrying",
          );
          await this.#clock.sleep(waitMs);
          continue;
        }
        throw failureFor(answer, resource, { retryAfterMs: Math.max(waitMs, 1000) });
      }
      throw failureFor(answer, resource, {});
    }
  }

  async #send(pathAndQuery: string): Promise<UpstreamAnswer> {
    const { baseUrl, apiKey, userAgent } = this.#options;
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let body: Dispatcher.ResponseData["body"];
    try {
      ({
        statusCode: status,
        headers,
        body,
      } = await this.#dispatcher.request({
        origin: new URL(baseUrl).origin,
        path: `${new URL(baseUrl).pathname}${pathAndQuery}`,
        method: "GET",
        headers: {
          "x-dc-devkey": apiKey.reveal(),
          accept: "application/json",
          "accept-encoding": "gzip, deflate, br",
          "user-agent": userAgent,
        },
      }));
    } catch (error) {
      throw transportFailure(error, "before DigiCert answered");
    }
    try {
      return { status, headers, text: await body.text() };
    } catch (error) {
      throw transportFailure(error, "while reading DigiCert's answer");
    }
  }
}

/** The two things we ask DigiCert for; a 404 means something different for each. */
type Resource = "used-codes" | "order";

interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function parseJsonBody(answer: UpstreamAnswer): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    const looksHtml = /^\s*</.test(answer.text);
    throw new UpstreamError(
      "bad_response",
      looksHtml
        ? "DigiCert answered with an HTML page instead of JSON"
        : "DigiCert answered with malformed JSON",
      { status: answer.status },
    );
  }
}

function failureFor(
  answer: UpstreamAnswer,
  resource: Resource,
  extra: { retryAfterMs?: number },
): UpstreamError {
  const upstreamCode = parseDigicertError(answer.text)[0]?.code;
  const details = { status: answer.status, ...extra, ...(upstreamCode ? { upstreamCode } : {}) };
  const { status } = answer;
  if (status === 401 || status === 403)
    return new UpstreamError("auth", `DigiCert refused the key (${status})`, details);
  if (status === 404 && resource === "order") {
    return new UpstreamError("order_not_found", "DigiCert has no such order for this key (404)", details);
  }
  if (status === 429) return new UpstreamError("rate_limited", "DigiCert rate-limited us (429)", details);
  if (status === 503) return new UpstreamError("unavailable", "DigiCert is unavailable (503)", details);
  return new UpstreamError("bad_response", `DigiCert answered with status ${status}`, details);
}

function transportFailure(error: unknown, when: string): UpstreamError {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && TIMEOUT_CODES.has(code)) {
    return new UpstreamError("timeout", `DigiCert timed out ${when} (${code})`);
  }
  if (error instanceof undiciErrors.ResponseExceededMaxSizeError) {
    return new UpstreamError("bad_response", "DigiCert's answer was larger than we accept");
  }
  // Before any answer: nobody is there. Once an answer started: it was cut off.
  const kind = when.startsWith("before") ? "unavailable" : "bad_response";
  return new UpstreamError(
    kind,
    `connection to DigiCert failed ${when} (${typeof code === "string" ? code : "error"})`,
  );
}
