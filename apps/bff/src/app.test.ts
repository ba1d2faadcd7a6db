import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiErrorSchema } from "@voucher-desk/vouchers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./test-support/harness.js";

describe("the app around the routes", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sim: { count: 20 } });
  });
  afterAll(async () => h.close());

  it("sends a strict CSP and no HSTS on plain http", async () => {
    const response = await h.request("/");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("serves index.html uncached and hashed assets immutable", async () => {
    const index = await h.request("/");
    expect(index.status).toBe(200);
    expect(index.headers.get("cache-control")).toBe("no-cache");
    expect(await index.text()).toContain('<div id="root">');
    const asset = await h.request("/assets/app-3f9a1c.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("falls back to index.html for client-side routes, but not for missing files", async () => {
    const deepLink = await h.request("/orders/204928159?q=acme");
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get("cache-control")).toBe("no-cache");
    expect(await deepLink.text()).toContain('<div id="root">');
    expect((await h.request("/assets/missing-123.js")).status).toBe(404);
  });

  it("answers an unknown /api path with the JSON 404", async () => {
    for (const [method, path] of [
      ["GET", "/api/nope"],
      ["POST", "/api/used-codes/nope"],
      ["GET", "/api"],
    ] as const) {
      const response = await h.request(path, { method });
      expect(response.status).toBe(404);
      expect(apiErrorSchema.parse(await response.json()).error.code).toBe("not_found");
    }
  });

  it("describes the API at /api/openapi.json", async () => {
    const response = await h.request("/api/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/health",
      "/api/orders/{orderId}",
      "/api/ready",
      "/api/session",
      "/api/used-codes",
      "/api/used-codes.csv",
      "/api/used-codes/refresh",
    ]);
    const csv = doc.paths["/api/used-codes.csv"]?.get as { parameters: { name: string }[] };
    expect(csv.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["q", "sort", "cols", "product", "org", "bom"]),
    );
  });

  it("answers /api/health and /api/ready", async () => {
    expect(await (await h.request("/api/health")).json()).toEqual({ status: "ok" });
    const ready = await h.request("/api/ready");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", source: "digicert" });
  });
});

describe("without a built dashboard", () => {
  it("explains how to build it instead of failing, and the API still works", async () => {
    const h = await startHarness({
      sim: { count: 5 },
      config: { webDist: mkdtempSync(join(tmpdir(), "no-dist-")) },
    });
    try {
      const page = await h.request("/");
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/not built yet.*pnpm start/);
      expect((await h.request("/api/health")).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe("the inbound rate limit on /api", () => {
  it("answers 429 rate_limited with Retry-After past the limit, and leaves static files alone", async () => {
    const h = await startHarness({ sim: { count: 5 }, config: { apiRateLimitPerMinute: 3 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await h.request("/api/openapi.json")).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await h.request("/api/openapi.json");
      expect(apiErrorSchema.parse(await limited.json()).error.code).toBe("rate_limited");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await h.request("/")).status).toBe(200);
      expect((await h.request("/api/health")).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
