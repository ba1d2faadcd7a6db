import { orderDetailsSchema } from "@voucher-desk/digicert";
import { apiErrorSchema, usedCodesResponseSchema } from "@voucher-desk/vouchers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./test-support/harness.js";

/**
 * Every upstream failure, produced by the simulator's fault switches over real HTTP, reaches
 * the browser as the status and error code DESIGN.md names, with a message and no internals.
 */
describe("upstream failures → our errors", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sim: { count: 50 } });
  });
  afterEach(() => h.sim.control.reset());
  afterAll(async () => h.close());

  /** A fresh order id each time, so the BFF's order cache never answers in upstream's place. */
  let nextOrder = 0;
  function orderId(): string {
    const ids = h.sim.control.codes
      .map((c) => String(c.certificate_order_id ?? "").trim())
      .filter((id) => id !== "");
    return ids[nextOrder++ % ids.length] as string;
  }

  async function expectError(path: string, status: number, code: string) {
    const response = await h.request(path);
    const text = await response.text();
    expect({ status: response.status, text }).toMatchObject({ status });
    const body = apiErrorSchema.parse(JSON.parse(text));
    expect(body.error.code).toBe(code);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(text).not.toMatch(/https?:\/\/|\/services\/v2|at .*\.ts:\d+|x-dc-devkey|<html/i);
    return { response, body };
  }

  it("403 from upstream → 502 upstream_auth, telling the operator to check the key", async () => {
    h.sim.control.setFaults({ kind: "bad_key", scope: "order" });
    const { body } = await expectError(`/api/orders/${orderId()}`, 502, "upstream_auth");
    expect(body.error.message).toMatch(/DIGICERT_API_KEY/);
  });

  it("404 for an order → 404 order_not_found", async () => {
    const { body } = await expectError("/api/orders/99999999999", 404, "order_not_found");
    expect(body.error.message).toBe("Order not found, or not visible to this API key.");
  });

  it("an HTML 500 page → 502 upstream_bad_response as JSON", async () => {
    h.sim.control.setFaults({ kind: "server_error", serverErrorStatus: 500, scope: "order" });
    await expectError(`/api/orders/${orderId()}`, 502, "upstream_bad_response");
  });

  it("malformed JSON and a cut-off body → 502 upstream_bad_response", async () => {
    h.sim.control.setFaults({ kind: "malformed_json", scope: "order" });
    await expectError(`/api/orders/${orderId()}`, 502, "upstream_bad_response");
    h.sim.control.setFaults({ kind: "truncated_body", scope: "order" });
    await expectError(`/api/orders/${orderId()}`, 502, "upstream_bad_response");
  });

  it("a connection reset → 503 upstream_unavailable with Retry-After", async () => {
    h.sim.control.setFaults({ kind: "connection_reset", scope: "order" });
    const { response } = await expectError(`/api/orders/${orderId()}`, 503, "upstream_unavailable");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("a 503 is retried, and through every retry becomes 503 upstream_unavailable", async () => {
    h.sim.control.setFaults({ kind: "server_error", serverErrorStatus: 503, scope: "order" });
    const id = orderId();
    await expectError(`/api/orders/${id}`, 503, "upstream_unavailable");
    const attempts = h.sim.control.requests().filter((r) => r.path.endsWith(`/order/certificate/${id}`));
    expect(attempts).toHaveLength(3);
  });

  it("a slow upstream → 504 upstream_timeout", async () => {
    h.sim.control.setFaults({ latencyMs: 2_500, scope: "order" });
    await expectError(`/api/orders/${orderId()}`, 504, "upstream_timeout");
  });

  it.each(["seconds", "http-date", "none"] as const)(
    "a 429 with Retry-After %s is waited out and retried, and succeeds once upstream lets us",
    async (retryAfter) => {
      h.sim.control.setFaults({
        kind: "rate_limit",
        retryAfter,
        retryAfterSeconds: 1,
        failNext: 1,
        scope: "order",
      });
      const id = orderId();
      const response = await h.request(`/api/orders/${id}`);
      expect(response.status).toBe(200);
      expect(orderDetailsSchema.parse(await response.json()).id).toBe(id);
      const statuses = h.sim.control
        .requests()
        .filter((r) => r.path.endsWith(`/order/certificate/${id}`))
        .map((r) => r.status);
      expect(statuses).toEqual([429, 200]);
    },
  );

  it("a 429 through every retry → 503 upstream_rate_limited with the wait in Retry-After", async () => {
    h.sim.control.setFaults({
      kind: "rate_limit",
      retryAfter: "seconds",
      retryAfterSeconds: 60,
      scope: "order",
    });
    const { response, body } = await expectError(`/api/orders/${orderId()}`, 503, "upstream_rate_limited");
    // 60 s is longer than the client waits, so it answers at once and passes the wait on.
    expect(response.headers.get("retry-after")).toBe("60");
    expect(body.error.message).toMatch(/60 s/);
  });
});

describe("when the simulator is stopped", () => {
  it("an uncached call is a JSON 503 while /api/health still answers", async () => {
    const h = await startHarness({ sim: { count: 10 } });
    await h.sim.close();
    const response = await h.request("/api/used-codes");
    expect(response.status).toBe(503);
    expect(apiErrorSchema.parse(await response.json()).error.code).toBe("upstream_unavailable");
    const health = await h.request("/api/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await h.request("/api/ready");
    expect(ready.status).toBe(503);
    await h.app.close();
  });
});

describe("a wrong key", () => {
  it("answers /api/used-codes with 502 upstream_auth naming the key", async () => {
    const h = await startHarness({ bffKey: "not-the-right-key", sim: { count: 10 } });
    try {
      const response = await h.request("/api/used-codes");
      expect(response.status).toBe(502);
      const body = apiErrorSchema.parse(await response.json());
      expect(body.error).toMatchObject({ code: "upstream_auth" });
      expect(body.error.message).toMatch(/API key/);
      const ready = await h.request("/api/ready");
      expect(ready.status).toBe(502);
    } finally {
      await h.close();
    }
  });
});

describe("a rate-limited refresh with a cached list", () => {
  it("serves the cached list marked stale instead of an error", async () => {
    const h = await startHarness({ sim: { count: 20 } });
    try {
      const first = usedCodesResponseSchema.parse(await (await h.request("/api/used-codes")).json());
      h.sim.control.setFaults({ kind: "rate_limit", retryAfter: "seconds", retryAfterSeconds: 120 });
      const refreshed = await h.request("/api/used-codes/refresh", { method: "POST" });
      expect(refreshed.status).toBe(200);
      const body = usedCodesResponseSchema.parse(await refreshed.json());
      expect(body.stale).toBe(true);
      expect(body.fetchedAt).toBe(first.fetchedAt);
      expect(body.codes).toEqual(first.codes);
    } finally {
      await h.close();
    }
  });
});
