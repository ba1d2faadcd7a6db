import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "../clock.js";
import { Secret } from "../secret.js";
import { TEST_CLIENT_CONFIG } from "../test-support/harness.js";
import { recordingLogger } from "../test-support/recording-logger.js";
import { InMemoryBudget } from "./budget.js";
import { DigicertClient } from "./client.js";
import { UpstreamError } from "./upstream-error.js";
import { walkUsedCodes } from "./used-codes.js";

/**
 * What the simulator does not do: redirects, compressed bodies, a page.total that lies. A bare
 * HTTP server stands in for DigiCert here, answering with whatever `handler` says.
 */
type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) server.close();
});

async function upstream(handler: Handler): Promise<{ baseUrl: string; hits: IncomingMessage[] }> {
  const hits: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    hits.push(request);
    handler(request, response);
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/v2`, hits };
}

function clientFor(baseUrl: string, logger = recordingLogger()): DigicertClient {
  return new DigicertClient({
    ...TEST_CLIENT_CONFIG,
    baseUrl,
    apiKey: new Secret("test-key"),
    userAgent: "VoucherDesk/test",
    budget: new InMemoryBudget(TEST_CLIENT_CONFIG.budget, systemClock),
    logger,
  });
}

const ORDER = { id: 42, status: "issued", certificate: { common_name: "example.com" } };

describe("DigicertClient over HTTP", () => {
  it.each([
    ["gzip", gzipSync],
    ["br", brotliCompressSync],
  ] as const)("decodes a %s body", async (encoding, compress) => {
    const { baseUrl } = await upstream((_request, response) => {
      const body = compress(Buffer.from(JSON.stringify(ORDER)));
      response.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": encoding,
        "content-length": body.length,
      });
      response.end(body);
    });
    expect(await clientFor(baseUrl).getOrder("42")).toEqual(ORDER);
  });

  it("does not follow a redirect: the key never travels to another host", async () => {
    const elsewhere = await upstream((_request, response) => response.end("{}"));
    const { baseUrl } = await upstream((_request, response) => {
      response.writeHead(302, { location: `${elsewhere.baseUrl}/order/certificate/42` });
      response.end();
    });
    const failure = await clientFor(baseUrl)
      .getOrder("42")
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).kind).toBe("bad_response");
    expect(elsewhere.hits).toHaveLength(0);
  });

  it("walks pages by offset and warns when the count differs from page.total", async () => {
    const { baseUrl, hits } = await upstream((request, response) => {
      const offset = Number(new URL(request.url ?? "", "http://x").searchParams.get("offset"));
      // Claims 2,500 codes but has 1,200; the second page repeats one row of the first.
      const ids = offset === 0 ? range(1, 1000) : [1000, ...range(1001, 1200)];
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          codes: ids.map((id) => ({ id, value: `CODE${id}` })),
          page: { total: 2500, limit: 1000, offset },
        }),
      );
    });
    const logger = recordingLogger();
    const walk = await walkUsedCodes(clientFor(baseUrl, logger), logger);
    expect(walk.codes.map((c) => c.id)).toEqual(range(1, 1200));
    expect(logger.warnings.some((w) => w.includes("page.total"))).toBe(true);
    // The lie costs one call: the page at 2000 was asked for alongside 1000, below the claimed
    // total, and dropped unread once 1000 came back short.
    expect(walk).toMatchObject({ pages: 2, unread: 1 });
    await vi.waitFor(() =>
      expect(hits.map((h) => h.url).sort()).toEqual([
        "/services/v2/voucher/download/used-codes?limit=1000&offset=0&sort=id",
        "/services/v2/voucher/download/used-codes?limit=1000&offset=1000&sort=id",
        "/services/v2/voucher/download/used-codes?limit=1000&offset=2000&sort=id",
      ]),
    );
  });

  it("stops at an empty page even when page.total says there is more", async () => {
    const { hits, baseUrl } = await upstream((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ page: { total: 10, limit: 1000, offset: 0 } }));
    });
    const logger = recordingLogger();
    expect((await walkUsedCodes(clientFor(baseUrl, logger), logger)).codes).toEqual([]);
    expect(hits).toHaveLength(1);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
