import { orderDetailsSchema } from "@voucher-desk/digicert";
import { apiErrorSchema } from "@voucher-desk/vouchers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, rawGet, startHarness } from "../test-support/harness.js";

describe("GET /api/orders/:orderId", () => {
  let h: Harness;
  let orderId: string;
  beforeAll(async () => {
    h = await startHarness({ sim: { count: 40 } });
    orderId = String(
      h.sim.control.codes.find((c) => String(c.certificate_order_id).trim() !== "")?.certificate_order_id,
    );
  });
  beforeEach(() => h.sim.control.reset());
  afterAll(async () => h.close());

  const orderCalls = () => h.sim.control.requests().filter((r) => r.path.includes("/order/certificate/"));

  it("answers the normalized order and caches it per id", async () => {
    const first = await h.request(`/api/orders/${orderId}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const order = orderDetailsSchema.parse(await first.json());
    expect(order.id).toBe(orderId);
    const second = await h.request(`/api/orders/${orderId}`);
    expect(orderDetailsSchema.parse(await second.json())).toEqual(order);
    expect(orderCalls().map((r) => r.path)).toEqual([`/services/v2/order/certificate/${orderId}`]);
  });

  it.each([
    ["dot segments", "/api/orders/%2e%2e"],
    ["an encoded slash", "/api/orders/1%2f2"],
    ["Arabic-Indic digits", `/api/orders/${encodeURIComponent("١٢٣")}`],
    ["fullwidth digits", `/api/orders/${encodeURIComponent("１２３")}`],
    ["a sign", "/api/orders/-5"],
    ["a decimal", "/api/orders/12.5"],
    ["an exponent", "/api/orders/1e5"],
    ["a space", "/api/orders/12%2034"],
    ["a query-looking id", "/api/orders/12%3Ffilters%5Bx%5D%3D1"],
    ["too many digits", `/api/orders/${"9".repeat(31)}`],
  ])("refuses %s with 400 and never calls upstream", async (_name, path) => {
    const response = await rawGet(h.url, path);
    expect(response.status).toBe(400);
    const body = apiErrorSchema.parse(JSON.parse(response.body));
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(/orderId/);
    expect(orderCalls()).toEqual([]);
  });

  it("answers a path that climbs out of /api/orders without reaching upstream", async () => {
    for (const path of [
      "/api/orders/../../services/v2/voucher/download/used-codes",
      "/api/orders/%2e%2e/%2e%2e/x",
    ]) {
      const response = await rawGet(h.url, path);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expect(h.sim.control.requests()).toEqual([]);
  });

  it("reads leading zeros as the same order: one upstream call under the plain id, one cache entry", async () => {
    // Not the id of the first test, which is already cached.
    const other = h.sim.control.codes
      .map((c) => String(c.certificate_order_id ?? "").trim())
      .find((id) => /^[1-9]\d*$/.test(id) && id !== orderId);
    const padded = await h.request(`/api/orders/00${other}`);
    expect(padded.status).toBe(200);
    expect(orderDetailsSchema.parse(await padded.json()).id).toBe(other);
    const plain = await h.request(`/api/orders/${other}`);
    expect(plain.status).toBe(200);
    expect(orderCalls().map((r) => r.path)).toEqual([`/services/v2/order/certificate/${other}`]);
  });

  it("keeps an id of zeros as 0", async () => {
    const response = await h.request("/api/orders/000");
    expect(response.status).toBe(404);
    expect(orderCalls().map((r) => r.path)).toEqual(["/services/v2/order/certificate/0"]);
  });

  it("keeps a 16-digit id exact all the way upstream", async () => {
    const long = "9007199254740993";
    const response = await h.request(`/api/orders/${long}`);
    expect(response.status).toBe(404);
    expect(orderCalls().map((r) => r.path)).toEqual([`/services/v2/order/certificate/${long}`]);
  });
});

describe("GET /api/orders/:orderId with an id past 2^53", () => {
  it("opens the order under its exact id, though DigiCert sends that id as a lossy JSON number", async () => {
    const h = await startHarness({ sim: { count: 2000, seed: "long-ids" } });
    try {
      const long = h.sim.control.codes
        .map((c) => String(c.certificate_order_id).trim())
        .find((id) => !Number.isSafeInteger(Number(id)));
      expect(long).toMatch(/^\d{17,}$/);
      const response = await h.request(`/api/orders/${long}`);
      expect(response.status).toBe(200);
      expect(orderDetailsSchema.parse(await response.json()).id).toBe(long);
    } finally {
      await h.close();
    }
  });
});
