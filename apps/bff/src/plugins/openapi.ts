import swagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { VERSION } from "../version.js";

/**
 * Collects every route's zod schemas into an OpenAPI document, served at /api/openapi.json
 * for people who script reports. Must be registered before the routes it describes.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Voucher Desk API",
        version: VERSION,
        description:
          "Every redeemed DigiCert voucher code, cached by this server, as JSON or as a CSV report of a " +
          "dashboard view; and the certificate order behind a code. Errors are " +
          '`{ "error": { "code", "message" } }`.',
      },
    },
    transform: jsonSchemaTransform,
  });
}
