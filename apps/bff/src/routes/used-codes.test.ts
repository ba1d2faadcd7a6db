import { gunzipSync } from "node:zlib";
import { normalizeUsedCodes } from "@voucher-desk/digicert";
import { usedCodesResponseSchema } from "@voucher-desk/vouchers";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../test-support/harness.js";

describe("GET /api/used-codes", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sim: { count: 2_345 } });
  });
  afterAll(async () => h.close());

  it("answers every simulator code, normalized, walking pages of 1000 sorted by id", async () => {
    const response = await h.request("/api/used-codes");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = usedCodesResponseSchema.parse(await response.json());
    expect(body.source).toBe("digicert");
    expect(body.region).toBeNull();
    expect(body.stale).toBe(false);
    const expected = normalizeUsedCodes(h.sim.control.codes).codes;
    expect(body.codes).toHaveLength(2_345);
    expect(body.codes).toEqual(expected);

    const pages = h.sim.control.requests().filter((r) => r.path.endsWith("/voucher/download/used-codes"));
    expect(pages.map((r) => Object.fromEntries(r.query))).toEqual([
      { limit: "1000", offset: "0", sort: "id" },
      { limit: "1000", offset: "1000", sort: "id" },
      { limit: "1000", offset: "2000", sort: "id" },
    ]);
  });

  it("sends the same bytes gzipped when asked, with no stale length", async () => {
    const plain = await request(`${h.url}/api/used-codes`, { headers: { "accept-encoding": "identity" } });
    const plainBytes = Buffer.from(await plain.body.arrayBuffer());
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plainBytes.length);

    const zipped = await request(`${h.url}/api/used-codes`, {
      headers: { "accept-encoding": "br;q=1, gzip;q=0.5" },
    });
    const zippedBytes = Buffer.from(await zipped.body.arrayBuffer());
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toContain("accept-encoding");
    expect(Number(zipped.headers["content-length"])).toBe(zippedBytes.length);
    expect(gunzipSync(zippedBytes).equals(plainBytes)).toBe(true);
    expect(zippedBytes.length).toBeLessThan(plainBytes.length / 4);
  });
});
