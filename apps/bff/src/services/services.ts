import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import { walkUsedCodes } from "../digicert/used-codes.js";
import { OrderService } from "./orders.js";
import { ReadinessCheck } from "./readiness.js";
import { connectUpstream, type Upstream } from "./upstream.js";
import { UsedCodesCache } from "./used-codes-cache.js";

/** Orders cached at once; each is a few kilobytes. */
const MAX_CACHED_ORDERS = 5_000;

/** What the routes use. Built once per app; `close()` releases the upstream (and the demo simulator). */
export interface Services {
  upstream: Upstream;
  usedCodes: UsedCodesCache;
  orders: OrderService;
  readiness: ReadinessCheck;
  clock: Clock;
  close(): Promise<void>;
}

export async function createServices(
  config: Config,
  logger: FastifyBaseLogger,
  clock: Clock,
): Promise<Services> {
  const upstream = await connectUpstream(config, logger, clock);
  const usedCodes = new UsedCodesCache({
    fetchAll: async (onNewCodes) => (await walkUsedCodes(upstream.client, logger, { onNewCodes })).codes,
    meta: upstream.meta,
    ttlMs: config.cacheTtlMs,
    refreshMinIntervalMs: config.refreshMinIntervalMs,
    clock,
    logger,
  });
  return {
    upstream,
    usedCodes,
    orders: new OrderService(upstream.client, config.cacheTtlMs, MAX_CACHED_ORDERS, clock),
    readiness: new ReadinessCheck(upstream.client, clock),
    clock,
    close: () => upstream.close(),
  };
}
