import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../test-support/harness.js";
import { rawGet } from "./raw-http.js";

/**
 * `/api/orders/:id` is the one route whose input lands in an upstream path. Every spelling of
 * "somewhere else" must answer 400 and never reach DigiCert, sent raw over a socket so nothing
 * normalizes it on the way.
 */
const TRICKS = [
  "%2e%2e",
  "%2E%2E",
  "..",
  ".",
  "%2e%2e%2fvoucher%2fdownload%2fused-codes",
  "..%2f..%2fvoucher%2fdownload%2fused-codes",
  "123%2f..%2f456",
  "123%2f456",
  "%2f123",
  "123%5c..%5c456",
  "..%5c123",
  "%252e%252e%252f123",
  "123%00",
  "123%0d%0aX-Injected:1",
  "%D9%A1%D9%A2%D9%A3", // Arabic-Indic digits
  "%DB%B1%DB%B2%DB%B3", // Extended Arabic-Indic digits
  "%EF%BC%91%EF%BC%92%EF%BC%93", // fullwidth digits
  "%F0%9D%9F%8F%F0%9D%9F%90", // mathematical bold digits
  "%E0%A5%A7%E0%A5%A8", // Devanagari digits
  "123%20",
  "+123",
  "-123",
  "1e3",
  "0x1f",
];

/** Empty segments: `//` where the id or the route should be. */
const DOUBLE_SLASHES = ["/api/orders//123", "/api//orders/123", "/api/orders/123//", "/api/orders/%2F%2F123"];

describe("path traversal and encoding tricks on /api/orders/:id", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it.each(TRICKS)("answers 400 to /api/orders/%s and never calls upstream", async (trick) => {
    harness.sim.control.clearRequests();
    const response = await rawGet(harness.url, `/api/orders/${trick}`);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: "bad_request" } });
    expect(harness.sim.control.requests()).toEqual([]);
  });

  it.each(DOUBLE_SLASHES)("answers 400 to %s and never calls upstream", async (path) => {
    harness.sim.control.clearRequests();
    const response = await rawGet(harness.url, path);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: "bad_request" } });
    expect(harness.sim.control.requests()).toEqual([]);
  });

  it("still serves a plain digits id, so the refusals above are about the tricks", async () => {
    const id = harness.sim.control.codes.find((row) =>
      /^\d+$/.test(String(row.certificate_order_id)),
    )?.certificate_order_id;
    harness.sim.control.clearRequests();
    const response = await rawGet(harness.url, `/api/orders/${String(id)}`);
    expect(response.status).toBe(200);
    expect(harness.sim.control.requests().map((r) => r.path)).toEqual([
      `/services/v2/order/certificate/${String(id)}`,
    ]);
  });
});
