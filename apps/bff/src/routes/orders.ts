import { orderDetailsSchema } from "@voucher-desk/digicert";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../services/services.js";
import { errorResponses, UPSTREAM_ERROR_STATUSES } from "./schemas.js";

/**
 * ASCII digits only: no dots, slashes or percent-escapes can reach the upstream path, and
 * other scripts' digits (Arabic-Indic, fullwidth) are refused rather than guessed at.
 */
const orderIdSchema = z
  .string()
  .regex(/^[0-9]{1,30}$/, "must be a certificate order id: 1 to 30 digits (0-9)")
  .describe("The certificate order id from a used code's certificate_order_id.");

/** `/api/orders/:orderId`: the certificate order behind a used code. */
export const orderRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/orders/:orderId",
    {
      schema: {
        summary: "The certificate order behind a used code, normalized. Cached per id.",
        params: z.object({ orderId: orderIdSchema }),
        response: { 200: orderDetailsSchema, ...errorResponses(400, 404, ...UPSTREAM_ERROR_STATUSES) },
      },
    },
    async (request, reply) => {
      const order = await services.orders.get(request.params.orderId);
      reply.header("cache-control", "no-store");
      return order;
    },
  );
};
