import { apiErrorSchema } from "@voucher-desk/vouchers";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, SENTINEL_KEY, startHarness } from "./test-support/harness.js";
import { VERSION } from "./version.js";

/**
 * The key reaches DigiCert and nothing else: not a response (header or body, on any route or
 * error path), not a log line at trace level. And nothing a browser sends reaches DigiCert.
 */
describe("the API key", () => {
  let h: Harness;
  const seen: string[] = [];
  beforeAll(async () => {
    h = await startHarness({ sim: { count: 30 } });
  });
  afterAll(async () => h.close());

  async function hit(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
    const response = await request(`${h.url}${path}`, {
      method: (init.method ?? "GET") as "GET",
      headers: init.headers,
    });
    const body = Buffer.from(await response.body.arrayBuffer()).toString("latin1");
    seen.push(JSON.stringify(response.headers), body);
    return response.statusCode;
  }

  const browserHeaders = {
    "x-dc-devkey": "browser-sent-key",
    cookie: "session=browser-cookie",
    authorization: "Bearer browser-token",
    "x-forwarded-for": "203.0.113.9",
  };

  it("is sent upstream, fresh on every request, with nothing from the browser", async () => {
    const orderId = String(h.sim.control.codes[0]?.certificate_order_id).trim();
    await hit("/api/used-codes", { headers: browserHeaders });
    await hit(`/api/orders/${orderId}`, { headers: browserHeaders });
    await hit("/api/used-codes/refresh", { method: "POST", headers: browserHeaders });
    const received = h.sim.control.requests();
    expect(received.length).toBeGreaterThanOrEqual(3);
    for (const { headers } of received) {
      expect(headers["x-dc-devkey"]).toBe(SENTINEL_KEY);
      expect(headers["user-agent"]).toBe(`VoucherDesk/${VERSION}`);
      expect(headers.accept).toBe("application/json");
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
      expect(headers["x-forwarded-for"]).toBeUndefined();
      expect(JSON.stringify(headers)).not.toMatch(/browser-/);
    }
  });

  it("never appears in a response, on any route or error path", async () => {
    const orderId = String(h.sim.control.codes[1]?.certificate_order_id).trim();
    const paths = [
      "/api/used-codes",
      "/api/used-codes.csv",
      "/api/used-codes.csv?bad=1",
      `/api/orders/${orderId}`,
      "/api/orders/123456789012345",
      "/api/orders/abc",
      "/api/health",
      "/api/ready",
      "/api/openapi.json",
      "/api/nope",
      "/",
    ];
    for (const path of paths) await hit(path, { headers: browserHeaders });
    const faults = [
      "bad_key",
      "server_error",
      "malformed_json",
      "truncated_body",
      "connection_reset",
    ] as const;
    const freshIds = orderIds(h).slice(5, 5 + faults.length);
    for (const [i, kind] of faults.entries()) {
      h.sim.control.setFaults({ kind, scope: "order", serverErrorStatus: 500 });
      expect(await hit(`/api/orders/${freshIds[i]}`)).toBeGreaterThanOrEqual(500);
    }
    h.sim.control.setFaults({ kind: "bad_key" });
    expect(await hit("/api/used-codes/refresh", { method: "POST" })).toBe(502);
    h.sim.control.reset();
    expect(seen.length).toBeGreaterThan(30);
    for (const text of seen) expect(text).not.toContain(SENTINEL_KEY);
  });

  it("never appears in the logs, captured at trace level", () => {
    expect(h.logs.length).toBeGreaterThan(20);
    // Trace lines (level 10) exist, so the most verbose output was captured.
    expect(h.logs.some((line) => line.includes('"level":10'))).toBe(true);
    for (const line of h.logs) expect(line).not.toContain(SENTINEL_KEY);
  });
});

describe("the outbound budget", () => {
  it("is never exceeded by a burst: excess requests wait or get 503 with Retry-After, none is sent anyway", async () => {
    const h = await startHarness({
      sim: { count: 200 },
      client: { budget: [{ limit: 5, windowMs: 1_000 }], budgetMaxWaitMs: 1_200 },
    });
    try {
      const ids = orderIds(h).slice(0, 25);
      const responses = await Promise.all(ids.map((id) => h.request(`/api/orders/${id}`)));
      const statuses = responses.map((r) => r.status);
      // Five go at once and five more once the window rolls (within the 1.2 s allowance); the rest are refused.
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 503)).toHaveLength(15);
      for (const response of responses.filter((r) => r.status === 503)) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(apiErrorSchema.parse(await response.json()).error.code).toBe("upstream_rate_limited");
      }
      // Measured where upstream measures, on arrival. The first requests also open connections,
      // so arrival lags sending by a few ms more than later ones: allow that much, no more.
      const times = h.sim.control.requests().map((r) => Date.parse(r.receivedAt));
      expect(times).toHaveLength(10);
      for (const t of times) expect(times.filter((u) => u > t - 950 && u <= t).length).toBeLessThanOrEqual(5);
    } finally {
      await h.close();
    }
  });
});

/** Distinct certificate order ids the simulator serves, in list order. */
function orderIds(h: Harness): string[] {
  const ids = h.sim.control.codes
    .map((c) => String(c.certificate_order_id ?? "").trim())
    .filter((id) => id !== "");
  return [...new Set(ids)];
}
