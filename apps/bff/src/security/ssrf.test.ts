import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { ConfigError, loadConfig } from "../config.js";
import { fakeWebDist, SENTINEL_KEY } from "../test-support/harness.js";

/**
 * No configuration or request can send the key to a host other than the configured DigiCert
 * host: the base URL must be https unless it is this machine, and a redirect from upstream is
 * not followed (with or without the key).
 */

describe("DIGICERT_BASE_URL", () => {
  const withKey = (url: string) => ({ DIGICERT_API_KEY: SENTINEL_KEY, DIGICERT_BASE_URL: url });

  it.each([
    "http://api.example.com/services/v2",
    "http://localhost.evil.example/services/v2",
    "http://127.0.0.1.nip.io/services/v2",
    "http://10.0.0.8/services/v2",
    "ftp://www.digicert.com/services/v2",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_INFO",
    "javascript:alert(1)",
  ])("refuses %s, without printing the key", (url) => {
    let error: unknown;
    try {
      loadConfig(withKey(url));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^DIGICERT_BASE_URL: /);
    expect((error as Error).message).not.toContain(SENTINEL_KEY);
  });

  it.each([
    "https://www.digicert.com/services/v2",
    "https://certcentral.digicert.eu/services/v2",
    "http://127.0.0.1:4010/services/v2",
    "http://localhost:4010/services/v2",
    "http://[::1]:4010/services/v2",
  ])("accepts %s", (url) => {
    const config = loadConfig(withKey(url));
    expect(config.upstream).toMatchObject({ kind: "digicert", baseUrl: url });
  });
});

/** A stand-in upstream that redirects every request elsewhere, and the "elsewhere" that records visitors. */
async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("upstream redirects", () => {
  const servers: Server[] = [];
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it.each([301, 302, 307, 308])(
    "does not follow a %i, so the key never reaches its target",
    async (status) => {
      const elsewhere: IncomingHttpHeaders[] = [];
      const target = await listen((request, response) => {
        elsewhere.push(request.headers);
        response.end("{}");
      });
      const redirector = await listen((request, response) => {
        response.writeHead(status, { location: `${target.origin}${request.url}` }).end();
      });
      servers.push(target.server, redirector.server);
      const config = loadConfig({
        DIGICERT_API_KEY: SENTINEL_KEY,
        DIGICERT_BASE_URL: `${redirector.origin}/services/v2`,
        LOG_LEVEL: "silent",
      });
      app = await buildApp({
        ...config,
        webDist: fakeWebDist(),
        client: { ...config.client, maxAttempts: 1 },
      });

      const list = await app.inject("/api/used-codes");
      const order = await app.inject("/api/orders/123");
      expect(list.statusCode).toBe(502);
      expect(order.statusCode).toBe(502);
      expect(list.json()).toMatchObject({ error: { code: "upstream_bad_response" } });
      expect(list.body).not.toContain(target.origin);
      expect(elsewhere).toEqual([]);
    },
  );
});
