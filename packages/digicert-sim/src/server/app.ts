import { setTimeout as sleep } from "node:timers/promises";
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from "fastify";
import type { ServedRow } from "../data/generated-used-code.js";
import { certificateOrderJson } from "../data/orders.js";
import { createRandom } from "../data/random.js";
import { type CsvLineEnding, writeUsedCodesCsv } from "../query/used-codes-csv.js";
import { parseUsedCodesQuery, QueryError, runUsedCodesQuery } from "../query/used-codes-query.js";
import { registerControlRoutes, type SimulatorControl } from "./control-routes.js";
import {
  ACCESS_DENIED,
  errorBody,
  ORDER_NOT_FOUND,
  REQUEST_LIMIT_EXCEEDED,
  ROUTE_NOT_FOUND,
  serverErrorPage,
} from "./digicert-errors.js";
import { FaultSwitch, type FaultsInput, retryAfterHeader } from "./faults.js";
import { type RateLimitWindow, RollingWindowLimiter } from "./rate-limiter.js";
import { type RecordedRequest, RequestRecorder } from "./request-recorder.js";
import { CSV_TYPE, JSON_TYPE, sendUpstream, setBodyFault } from "./upstream-reply.js";

export const SERVICES_PREFIX = "/services/v2";
export const USED_CODES_PATH = `${SERVICES_PREFIX}/voucher/download/used-codes`;
export const ORDER_PATH = `${SERVICES_PREFIX}/order/certificate`;

export interface SimulatorAppConfig {
  key: string;
  rows: readonly ServedRow[];
  rateLimits: readonly RateLimitWindow[];
  faults: FaultsInput;
  logger: FastifyServerOptions["logger"];
  controlRoutes: boolean;
  csvLineEnding: CsvLineEnding;
  recordLimit: number;
  now: () => number;
}

/**
 * Builds (does not start) the simulator: the DigiCert routes behind one gate that does what
 * DigiCert does before any route runs (latency and faults, the key check, the rate limit),
 * plus the loopback-only control routes under /__sim.
 */
export function buildSimulatorApp(config: SimulatorAppConfig): {
  app: FastifyInstance;
  control: SimulatorControl;
} {
  const app = Fastify({
    logger: config.logger,
    // close() must not wait on a request parked in a latency fault.
    forceCloseConnections: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });
  const faults = new FaultSwitch(config.faults);
  const limiter = new RollingWindowLimiter(config.rateLimits);
  const recorder = new RequestRecorder(config.recordLimit);
  const recorded = new WeakMap<object, RecordedRequest>();
  const tieRandom = createRandom(`ties:${config.now()}`);
  const shutdown = new AbortController();
  app.addHook("onClose", async () => shutdown.abort());

  const ordersById = new Map<string, ServedRow>();
  for (const row of config.rows) {
    const id = String(row.certificate_order_id ?? "").trim();
    if (id !== "" && !ordersById.has(id)) ordersById.set(id, row);
  }

  app.addHook("onRequest", async (request, reply) => {
    if (!isUpstreamPath(request.url)) return;
    recorded.set(
      request.raw,
      recorder.record(request.method, request.url, request.raw.headers, config.now()),
    );
    reply.header("cache-control", "private,no-cache");
    const current = faults.current;
    if (current.latencyMs > 0) await sleep(current.latencyMs, undefined, { signal: shutdown.signal });

    const fault = faults.take(endpointOf(request.url));
    switch (fault) {
      case "connection_reset":
        reply.hijack();
        request.raw.socket.resetAndDestroy();
        return reply;
      case "bad_key":
        return sendUpstream(request, reply, 403, JSON_TYPE, ACCESS_DENIED);
      case "rate_limit":
        return rateLimited(request, reply, current.retryAfterSeconds);
      case "server_error":
        return reply
          .code(current.serverErrorStatus)
          .type("text/html")
          .send(serverErrorPage(current.serverErrorStatus));
      case "malformed_json":
      case "truncated_body":
        setBodyFault(request, fault);
        break;
    }

    const key = request.headers["x-dc-devkey"];
    if (typeof key !== "string" || key !== config.key) {
      return sendUpstream(request, reply, 403, JSON_TYPE, ACCESS_DENIED);
    }
    const decision = limiter.take(key, config.now());
    if (!decision.allowed) return rateLimited(request, reply, decision.retryAfterMs / 1000);
    return undefined;
  });

  app.addHook("onResponse", async (request, reply) => {
    const entry = recorded.get(request.raw);
    if (entry) entry.status = reply.statusCode;
  });

  function rateLimited(request: FastifyRequest, reply: FastifyReply, seconds: number): FastifyReply {
    const header = retryAfterHeader(faults.current.retryAfter, seconds, config.now());
    if (header !== null) reply.header("retry-after", header);
    return sendUpstream(request, reply, 429, JSON_TYPE, REQUEST_LIMIT_EXCEEDED);
  }

  app.get(USED_CODES_PATH, async (request, reply) => {
    const query = parseUsedCodesQuery(new URLSearchParams(queryStringOf(request.url)));
    const { ignorePaging, shuffleTies } = faults.current;
    const result = runUsedCodesQuery(
      config.rows,
      ignorePaging ? { ...query, limit: Number.POSITIVE_INFINITY, offset: 0 } : query,
      shuffleTies ? tieRandom : null,
    );
    const wantsCsv = (request.headers.accept ?? "").includes(CSV_TYPE);
    if (wantsCsv) {
      return sendUpstream(
        request,
        reply,
        200,
        CSV_TYPE,
        writeUsedCodesCsv(result.rows, config.csvLineEnding),
      );
    }
    return sendUpstream(request, reply, 200, JSON_TYPE, {
      // DigiCert omits the array instead of sending [] when nothing matches.
      ...(result.rows.length > 0 ? { codes: result.rows } : {}),
      ...(ignorePaging ? {} : { page: { total: result.total, limit: query.limit, offset: query.offset } }),
    });
  });

  app.get<{ Params: { id: string } }>(`${ORDER_PATH}/:id`, async (request, reply) => {
    const row = ordersById.get(request.params.id.trim());
    if (!row) return sendUpstream(request, reply, 404, JSON_TYPE, ORDER_NOT_FOUND);
    return sendUpstream(request, reply, 200, JSON_TYPE, certificateOrderJson(row, config.now()));
  });

  app.setNotFoundHandler(async (request, reply) =>
    sendUpstream(request, reply, 404, JSON_TYPE, ROUTE_NOT_FOUND),
  );

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof QueryError) {
      return sendUpstream(request, reply, 400, JSON_TYPE, errorBody(error.code, error.message));
    }
    const status =
      typeof error === "object" && error !== null && "statusCode" in error ? Number(error.statusCode) : 500;
    const message = error instanceof Error ? error.message : String(error);
    if (!isUpstreamPath(request.url)) {
      return reply.code(status).send({ error: { code: status < 500 ? "bad_request" : "internal", message } });
    }
    if (status >= 500) request.log.error({ err: error }, "simulator route failed");
    return sendUpstream(
      request,
      reply,
      status,
      JSON_TYPE,
      errorBody(status < 500 ? "bad_request" : "internal_error", status < 500 ? message : "Internal error."),
    );
  });

  const control: SimulatorControl = {
    codes: config.rows,
    faults: () => faults.current,
    setFaults: (input) => faults.set(input),
    clearFaults: () => faults.set({}),
    requests: () => recorder.list(),
    clearRequests: () => recorder.clear(),
    reset: () => {
      faults.set({});
      recorder.clear();
      limiter.reset();
    },
  };
  if (config.controlRoutes) registerControlRoutes(app, control);
  return { app, control };
}

function isUpstreamPath(url: string): boolean {
  return (
    url === SERVICES_PREFIX || url.startsWith(`${SERVICES_PREFIX}/`) || url.startsWith(`${SERVICES_PREFIX}?`)
  );
}

function endpointOf(url: string): "used-codes" | "order" | null {
  const path = url.split("?")[0] ?? "";
  if (path === USED_CODES_PATH) return "used-codes";
  if (path.startsWith(`${ORDER_PATH}/`)) return "order";
  return null;
}

function queryStringOf(url: string): string {
  const at = url.indexOf("?");
  return at === -1 ? "" : url.slice(at + 1);
}
