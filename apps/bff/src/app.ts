import compress from "@fastify/compress";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { AuthConfig } from "./auth/config.js";
import { authPlugin } from "./auth/plugin.js";
import { type Clock, systemClock } from "./clock.js";
import type { Config } from "./config.js";
import { HttpError, registerErrorHandling, sendError } from "./errors.js";
import { loggerOptions } from "./logger.js";
import { registerOpenApi } from "./plugins/openapi.js";
import { registerSecurityHeaders } from "./plugins/security.js";
import { registerSpa } from "./plugins/spa.js";
import { apiRoutes } from "./routes/api.js";
import { createServices } from "./services/services.js";

export interface BuildOptions {
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  clock?: Clock;
  /**
   * Who may use /api (src/auth/README.md). server.ts passes what the environment says, after
   * the start-time rule; left out (tests), nobody signs in, as on loopback.
   */
  auth?: AuthConfig;
}

const LOOPBACK_AUTH: AuthConfig = { mode: "none", explicit: false, secureCookies: false, trustedProxies: [] };

/**
 * Builds the BFF without listening: tests call it and use `inject()` or `listen({ port: 0 })`.
 * Plugins load in tiers: third-party wrappers (security headers, compression, OpenAPI), then
 * our services (the DigiCert client, caches; in demo mode the simulator), then the routes and
 * the SPA. `close()` shuts it all down, the upstream connections and the simulator included.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const auth = options.auth ?? LOOPBACK_AUTH;
  const app = Fastify({
    // Only the configured proxies may say which client and scheme (https) a request came from.
    trustProxy: auth.trustedProxies.length > 0 ? auth.trustedProxies : false,
    logger: loggerOptions(config, options.logStream),
    // Nothing we accept has a body; refuse big ones before reading them.
    bodyLimit: 16 * 1024,
    // Keep-alive sockets are closed on shutdown instead of holding it open.
    forceCloseConnections: "idle",
    // URLs the router cannot read (bad percent-encoding, overlong params) get our error shape too.
    frameworkErrors: (_error, _request, reply) =>
      sendError(reply, new HttpError(400, "bad_request", "The request URL is not valid.")),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  closeConnectionsWhenDone(app);

  await registerSecurityHeaders(app, { tls: auth.secureCookies });
  await app.register(compress, { global: true, threshold: 1024, encodings: ["gzip", "deflate"] });
  await registerOpenApi(app);

  const services = await createServices(config, app.log, options.clock ?? systemClock);
  app.addHook("onClose", async () => services.close());

  // Before the routes, so its hook guards every one of them.
  await app.register(authPlugin, {
    config: auth,
    publicRoutes: ["/api/health", "/api/ready", "/api/openapi.json"],
  });
  await app.register(apiRoutes, {
    prefix: "/api",
    services,
    rateLimitPerMinute: config.apiRateLimitPerMinute,
  });
  await registerSpa(app, config.webDist);
  return app;
}

/**
 * On shutdown, idle keep-alive sockets are closed at once, but a socket busy with a request
 * would stay open after its answer and hold `close()` until the client hangs up. Answers sent
 * while closing therefore say `Connection: close`.
 */
function closeConnectionsWhenDone(app: FastifyInstance): void {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });
}
