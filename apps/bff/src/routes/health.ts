import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../services/services.js";
import { errorResponses, UPSTREAM_ERROR_STATUSES } from "./schemas.js";

/** Liveness (the process answers) and readiness (upstream reachable, key accepted). */
export const healthRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/health",
    {
      // Probes poll; they must not be the ones throttled.
      config: { rateLimit: false },
      schema: {
        summary: "Liveness: the server is up. Never calls DigiCert.",
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      return { status: "ok" as const };
    },
  );

  app.get(
    "/ready",
    {
      config: { rateLimit: false },
      schema: {
        summary:
          "Readiness: DigiCert (or the demo simulator) answers and accepts the key. Checked at most every 30 s.",
        response: {
          200: z.object({
            status: z.literal("ready"),
            source: z.enum(["digicert", "demo"]),
            checkedAt: z.iso.datetime({ offset: true }),
          }),
          ...errorResponses(...UPSTREAM_ERROR_STATUSES),
        },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      const readiness = await services.readiness.check();
      // The error handler turns the remembered failure into its status and message.
      if (!readiness.ready) throw readiness.error;
      return {
        status: "ready" as const,
        source: services.upstream.meta.source,
        checkedAt: readiness.checkedAt.toISOString(),
      };
    },
  );
};
