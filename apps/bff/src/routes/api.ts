import rateLimit from "@fastify/rate-limit";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { HttpError } from "../errors.js";
import type { Services } from "../services/services.js";
import { healthRoutes } from "./health.js";
import { orderRoutes } from "./orders.js";
import { usedCodesRoutes } from "./used-codes.js";

export interface ApiOptions {
  services: Services;
  rateLimitPerMinute: number;
}

/**
 * Everything under /api. The inbound rate limit is registered inside this scope, so it covers
 * the API and not the SPA's static files.
 */
export const apiRoutes: FastifyPluginAsyncZod<ApiOptions> = async (app, { services, rateLimitPerMinute }) => {
  await app.register(rateLimit, {
    max: rateLimitPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        429,
        "rate_limited",
        `Too many requests. Try again in ${context.after}.`,
        Math.ceil(context.ttl / 1000),
      ),
  });

  await app.register(usedCodesRoutes, { services });
  await app.register(orderRoutes, { services });
  await app.register(healthRoutes, { services });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
};
