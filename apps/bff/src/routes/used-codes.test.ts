import { gunzipSync } from "node:zlib";
import { normalizeUsedCodes, type UsedCode } from "@voucher-desk/digicert";
import { generateUsedCodes } from "@voucher-desk/digicert-sim";
import {
  apiErrorSchema,
  buildIndex,
  CSV_CONTENT_TYPE,
  DEFAULT_VIEW,
  exportFileName,
  queryUsedCodes,
  serializeView,
  USED_CODE_LINES_TYPE,
  UsedCodeLinesDecoder,
  usedCodesResponseSchema,
  type ViewState,
  writeCsv,
} from "@voucher-desk/vouchers";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FakeClock } from "../test-support/fake-clock.js";
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

    // The first page goes alone; the two after it are asked for together (pages in flight), so
    // they may reach upstream in either order.
    const pages = h.sim.control.requests().filter((r) => r.path.endsWith("/voucher/download/used-codes"));
    expect(Object.fromEntries(pages[0]?.query ?? [])).toEqual({ limit: "1000", offset: "0", sort: "id" });
    expect(pages.map((r) => Object.fromEntries(r.query)).sort(byOffset)).toEqual([
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

  it("answers the dashboard's lines when Accept names them: the same answer, less than half the bytes", async () => {
    const json = await request(`${h.url}/api/used-codes`, { headers: { "accept-encoding": "identity" } });
    const jsonBytes = Buffer.from(await json.body.arrayBuffer());
    for (const encoding of ["identity", "gzip"]) {
      const lines = await request(`${h.url}/api/used-codes`, {
        headers: { accept: `${USED_CODE_LINES_TYPE}, application/json;q=0.5`, "accept-encoding": encoding },
      });
      expect(lines.statusCode).toBe(200);
      expect(lines.headers["content-type"]).toBe(`${USED_CODE_LINES_TYPE}; charset=utf-8`);
      expect(lines.headers.vary).toBe("accept, accept-encoding");
      const raw = Buffer.from(await lines.body.arrayBuffer());
      const bytes = encoding === "gzip" ? gunzipSync(raw) : raw;
      const decoder = new UsedCodeLinesDecoder();
      decoder.push(bytes.toString("utf8"));
      const { codes, rest } = decoder.end();
      expect({ codes, ...rest }).toEqual(JSON.parse(jsonBytes.toString("utf8")));
      expect(bytes.length / jsonBytes.length).toBeLessThan(0.5);
    }
  });

  it.each(["*/*", "application/json", `${USED_CODE_LINES_TYPE};q=0`, "text/html"])(
    "answers JSON for Accept: %s",
    async (accept) => {
      const response = await request(`${h.url}/api/used-codes`, { headers: { accept } });
      expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(usedCodesResponseSchema.parse(await response.body.json()).codes).toHaveLength(2_345);
    },
  );
});

describe("the page walk", () => {
  it("50 concurrent requests on a cold cache cause exactly one walk", async () => {
    const h = await startHarness({ sim: { count: 2_100, faults: { latencyMs: 50 } } });
    try {
      const responses = await Promise.all(Array.from({ length: 50 }, () => h.request("/api/used-codes")));
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
      const bodies = await Promise.all(
        responses.map(async (r) => usedCodesResponseSchema.parse(await r.json())),
      );
      expect(new Set(bodies.map((b) => b.fetchedAt)).size).toBe(1);
      const offsets = h.sim.control
        .requests()
        .map((r) => Number(new URLSearchParams(r.rawQuery).get("offset")));
      expect(offsets.sort((a, b) => a - b)).toEqual([0, 1000, 2000]);
    } finally {
      await h.close();
    }
  });

  it("asks for pages ahead only as the outbound budget allows", async () => {
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 12, 0, 0));
    const h = await startHarness({
      sim: { count: 4_500 },
      clock,
      client: { budget: [{ limit: 2, windowMs: 1_000 }], budgetMaxWaitMs: 10_000 },
    });
    try {
      const pagesAsked = () => h.sim.control.requests().length;
      const answer = h.request("/api/used-codes");
      // Page 0, then 1000 with it in the window; 2000 and 3000 wait for the window to roll.
      await vi.waitFor(() => expect(pagesAsked()).toBe(2));
      await vi.waitFor(() => expect(clock.sleeping).toBe(2));
      expect(pagesAsked()).toBe(2);
      await clock.advance(1_000);
      await vi.waitFor(() => expect(pagesAsked()).toBe(4));
      await vi.waitFor(() => expect(clock.sleeping).toBe(1));
      expect(pagesAsked()).toBe(4);
      await clock.advance(1_000);
      const body = usedCodesResponseSchema.parse(await (await answer).json());
      expect(body.codes).toHaveLength(4_500);
      expect(pagesAsked()).toBe(5);
    } finally {
      await h.close();
    }
  });

  it("10,000 codes sharing one created_date, ties shuffled upstream, come back as exactly 10,000 unique ids", async () => {
    const rows = generateUsedCodes({ count: 10_000, seed: "ties" }).map((row) => ({
      ...row,
      created_date: "2024-05-01 09:00:00",
    }));
    const h = await startHarness({ sim: { codes: rows, faults: { shuffleTies: true } } });
    try {
      const body = usedCodesResponseSchema.parse(await (await h.request("/api/used-codes")).json());
      const ids = body.codes.map((c) => c.id);
      expect(ids).toHaveLength(10_000);
      expect(new Set(ids).size).toBe(10_000);
      expect(new Set(ids)).toEqual(new Set(rows.map((r) => Number(r.id))));
    } finally {
      await h.close();
    }
  });

  it("takes a response without a page object as the whole list", async () => {
    const h = await startHarness({ sim: { count: 1_500, faults: { ignorePaging: true } } });
    try {
      const body = usedCodesResponseSchema.parse(await (await h.request("/api/used-codes")).json());
      expect(body.codes).toHaveLength(1_500);
      expect(h.sim.control.requests()).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it("takes an empty list (no codes key) as zero codes", async () => {
    const h = await startHarness({ sim: { codes: [] } });
    try {
      const body = usedCodesResponseSchema.parse(await (await h.request("/api/used-codes")).json());
      expect(body.codes).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe("caching", () => {
  it("serves a list past its TTL at once, marked stale, while one refresh runs; then the new list", async () => {
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 12, 0, 0));
    const h = await startHarness({ sim: { count: 30 }, clock, config: { cacheTtlMs: 60_000 } });
    try {
      const first = usedCodesResponseSchema.parse(await (await h.request("/api/used-codes")).json());
      expect(first).toMatchObject({ stale: false, fetchedAt: "2026-06-01T12:00:00.000Z" });
      await clock.advance(30_000);
      expect(usedCodesResponseSchema.parse(await (await h.request("/api/used-codes")).json()).stale).toBe(
        false,
      );
      expect(h.sim.control.requests()).toHaveLength(1);

      await clock.advance(31_000);
      h.sim.control.setFaults({ latencyMs: 300 });
      const stale = usedCodesResponseSchema.parse(await (await h.request("/api/used-codes")).json());
      expect(stale).toMatchObject({ stale: true, fetchedAt: first.fetchedAt });
      expect(stale.codes).toEqual(first.codes);
      // The refresh is now in flight; a second reader is not a second refresh.
      await h.request("/api/used-codes");
      await vi.waitFor(
        () => expect(h.sim.control.requests().filter((r) => r.status === 200)).toHaveLength(2),
        {
          timeout: 3_000,
        },
      );
      const fresh = usedCodesResponseSchema.parse(await (await h.request("/api/used-codes")).json());
      expect(fresh).toMatchObject({ stale: false, fetchedAt: "2026-06-01T12:01:01.000Z" });
      expect(h.sim.control.requests()).toHaveLength(2);
    } finally {
      await h.close();
    }
  });

  it("a forced refresh refetches, but not within the minimum interval", async () => {
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 12, 0, 0));
    const h = await startHarness({ sim: { count: 30 }, clock, config: { refreshMinIntervalMs: 30_000 } });
    try {
      await h.request("/api/used-codes");
      await clock.advance(10_000);
      const early = await h.request("/api/used-codes/refresh", { method: "POST" });
      expect(usedCodesResponseSchema.parse(await early.json()).fetchedAt).toBe("2026-06-01T12:00:00.000Z");
      expect(h.sim.control.requests()).toHaveLength(1);
      await clock.advance(25_000);
      const later = await h.request("/api/used-codes/refresh", { method: "POST" });
      expect(later.status).toBe(200);
      expect(usedCodesResponseSchema.parse(await later.json()).fetchedAt).toBe("2026-06-01T12:00:35.000Z");
      expect(h.sim.control.requests()).toHaveLength(2);
    } finally {
      await h.close();
    }
  });
});

describe("GET /api/used-codes.csv", () => {
  const TRICKY = [
    "AT&T + Co, 100% sure",
    "Société Générale",
    "株式会社テスト",
    'Say "hi"; a=b&c',
    "=cmd|' /C calc'!A0",
  ];
  let h: Harness;
  let codes: UsedCode[];
  beforeAll(async () => {
    const rows = generateUsedCodes({ count: 400, seed: "csv" }).map((row, i) =>
      i % 7 === 0 ? { ...row, cert_organization: TRICKY[(i / 7) % TRICKY.length] } : row,
    );
    h = await startHarness({ sim: { codes: rows } });
    codes = usedCodesResponseSchema.parse(await (await h.request("/api/used-codes")).json()).codes;
  });
  afterAll(async () => h.close());

  async function csvFor(view: ViewState, extra = "") {
    const response = await request(`${h.url}/api/used-codes.csv?${serializeView(view)}${extra}`);
    return { response, bytes: Buffer.from(await response.body.arrayBuffer()) };
  }

  function expected(view: ViewState, bom = true): Buffer {
    return Buffer.from(writeCsv(queryUsedCodes(buildIndex(codes), view), view.columns, { bom }));
  }

  it("sends exactly the shared writer's bytes for the same view, as a dated attachment", async () => {
    const view: ViewState = {
      ...DEFAULT_VIEW,
      filters: { validity_years: { type: "numberRange", min: 1, max: 3 } },
      sort: [{ field: "cert_organization", dir: "asc" }],
      columns: ["id", "cert_organization", "product_name", "certificate_order_id", "order_valid_till"],
    };
    const { response, bytes } = await csvFor(view);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe(CSV_CONTENT_TYPE);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="${exportFileName(view, new Date())}"`,
    );
    expect(response.headers["content-disposition"]).toMatch(/filename="voucher-codes-\d{4}-\d{2}-\d{2}/);
    expect(bytes.equals(expected(view))).toBe(true);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
  });

  it("sends the same bytes gzipped when asked, again and again", async () => {
    const url = `${h.url}/api/used-codes.csv?${serializeView(DEFAULT_VIEW)}`;
    for (let i = 0; i < 2; i++) {
      const response = await request(url, { headers: { "accept-encoding": "gzip" } });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-encoding"]).toBe("gzip");
      expect(response.headers.vary).toBe("accept-encoding");
      const bytes = gunzipSync(Buffer.from(await response.body.arrayBuffer()));
      expect(bytes.equals(expected(DEFAULT_VIEW))).toBe(true);
    }
    const plain = await csvFor(DEFAULT_VIEW);
    expect(plain.response.headers["content-encoding"]).toBeUndefined();
    expect(plain.bytes.equals(expected(DEFAULT_VIEW))).toBe(true);
  });

  it("bom=0 drops the byte order mark and nothing else", async () => {
    const { bytes } = await csvFor(DEFAULT_VIEW, "bom=0");
    expect(bytes.equals(expected(DEFAULT_VIEW, false))).toBe(true);
    expect(bytes[0]).not.toBe(0xef);
  });

  it.each(TRICKY)("the value %j survives from the query string to the filter", async (value) => {
    const view: ViewState = {
      ...DEFAULT_VIEW,
      filters: { cert_organization: { type: "contains", text: value } },
    };
    const { response, bytes } = await csvFor(view);
    expect(response.statusCode).toBe(200);
    const rows = queryUsedCodes(buildIndex(codes), view);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.cert_organization === value)).toBe(true);
    expect(bytes.equals(expected(view))).toBe(true);
  });

  it("refuses an invalid view with 400 naming the parameter, before touching upstream", async () => {
    const before = h.sim.control.requests().length;
    const response = await h.request("/api/used-codes.csv?created=2024-13-01..&nonsense=1");
    expect(response.status).toBe(400);
    const body = apiErrorSchema.parse(await response.json());
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(/^The CSV report was not made: /);
    expect(body.error.message).toContain("`created`");
    expect(body.error.message).toContain("`nonsense`: unknown parameter");
    // The route refuses; wording borrowed from the dashboard ("ignored", "shown") would mislead.
    expect(body.error.message).not.toMatch(/ignored|shown|only the first/i);
    expect(response.headers.get("content-disposition")).toBeNull();
    expect(h.sim.control.requests().length).toBe(before);
  });

  it("refuses unknown columns with a message that names them", async () => {
    const response = await h.request("/api/used-codes.csv?cols=foo");
    expect(response.status).toBe(400);
    expect(apiErrorSchema.parse(await response.json()).error.message).toBe(
      "The CSV report was not made: `cols`: unknown column `foo`; `cols`: names no known column.",
    );
  });

  it("refuses a product that is not an id, so a typo in a scheduled report is not an empty file", async () => {
    for (const [query, message] of [
      ["product=nope", 'unknown product "nope"'],
      ["product=Basic+OV", '"Basic OV" is a product name, not its id: use ssl_basic'],
    ] as const) {
      const response = await h.request(`/api/used-codes.csv?${query}`);
      expect(response.status, query).toBe(400);
      expect(apiErrorSchema.parse(await response.json()).error.message).toContain(message);
    }
  });

  it("refuses a bom other than 0 or 1", async () => {
    const response = await h.request("/api/used-codes.csv?bom=yes");
    expect(response.status).toBe(400);
    expect(apiErrorSchema.parse(await response.json()).error.message).toMatch(/bom/);
  });
});

describe("POST /api/used-codes/refresh", () => {
  it("is limited to 6 per minute per client, on top of the minimum interval", async () => {
    const h = await startHarness({ sim: { count: 10 }, config: { refreshMinIntervalMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push((await h.request("/api/used-codes/refresh", { method: "POST" })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
      // The first refresh fetched; the rest were inside the minimum interval and cost nothing upstream.
      expect(h.sim.control.requests()).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});

function byOffset(a: Record<string, string>, b: Record<string, string>): number {
  return Number(a.offset) - Number(b.offset);
}
