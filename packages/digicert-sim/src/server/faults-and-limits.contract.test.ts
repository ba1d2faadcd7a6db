import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../start.js";
import { request, sleep, usedCodes } from "../test-support/http.js";
import { isLoopbackAddress } from "./control-routes.js";

/** Rate limits, fault switches, the request recorder and the control routes, over real HTTP. */
const KEY = "faults-key";
const LIMITED = {
  errors: [{ code: "request_limit_exceeded", message: "Service unavailable, please limit request volume" }],
};
// Small windows keep the suite fast; the real 100/5 s + 1000/3 min are the default.
const WINDOW_MS = 300;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    key: KEY,
    count: 2000,
    seed: "faults",
    rateLimits: [{ limit: 5, windowMs: WINDOW_MS }],
  });
});
afterEach(() => sim.control.reset());
afterAll(() => sim.close());

const list = (query = "limit=1", headers: Record<string, string> = {}) => usedCodes(sim, query, KEY, headers);
const putFaults = (faults: unknown) =>
  request(
    sim,
    "/__sim/faults",
    { "content-type": "application/json" },
    { method: "PUT", body: JSON.stringify(faults) },
  );

describe("rate limits", () => {
  it("answers 429 request_limit_exceeded without Retry-After once a window is full, and recovers after it", async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await list()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const refused = await list();
    expect(refused.status).toBe(429);
    expect(refused.json()).toEqual(LIMITED);
    expect(refused.headers.get("retry-after")).toBeNull();
    expect(
      (await request(sim, "/services/v2/order/certificate/204928159", { "X-DC-DEVKEY": KEY })).status,
    ).toBe(429);
    await sleep(WINDOW_MS + 50);
    expect((await list()).status).toBe(200);
  });

  it("counts only accepted requests with the right key", async () => {
    for (let i = 0; i < 8; i++) expect((await usedCodes(sim, "limit=1", "wrong")).status).toBe(403);
    for (let i = 0; i < 5; i++) expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(429);
  });

  it("adds Retry-After when switched on: seconds until a slot frees, or an HTTP date", async () => {
    sim.control.setFaults({ retryAfter: "seconds" });
    for (let i = 0; i < 5; i++) await list();
    const inSeconds = await list();
    expect(inSeconds.status).toBe(429);
    expect(inSeconds.headers.get("retry-after")).toBe("1"); // a 300 ms window rounds up to 1 s
    sim.control.setFaults({ retryAfter: "http-date" });
    const asDate = await list();
    const at = Date.parse(asDate.headers.get("retry-after") ?? "");
    expect(asDate.headers.get("retry-after")).toMatch(/GMT$/);
    expect(at).toBeGreaterThan(Date.now() - 1000);
  });
});

describe("fault switches", () => {
  it("latency delays every answer by at least the given time", async () => {
    sim.control.setFaults({ latencyMs: 150 });
    const started = performance.now();
    const answer = await list();
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it("rate_limit forces a 429 with Retry-After in seconds or as a date, or none", async () => {
    await putFaults({ kind: "rate_limit" });
    const plain = await list();
    expect([plain.status, plain.headers.get("retry-after")]).toEqual([429, null]);
    expect(plain.json()).toEqual(LIMITED);
    await putFaults({ kind: "rate_limit", retryAfter: "seconds", retryAfterSeconds: 7 });
    expect((await list()).headers.get("retry-after")).toBe("7");
    await putFaults({ kind: "rate_limit", retryAfter: "http-date", retryAfterSeconds: 120 });
    const dated = Date.parse((await list()).headers.get("retry-after") ?? "");
    expect(dated - Date.now()).toBeGreaterThan(100_000);
  });

  it("server_error answers a 5xx with nginx's HTML page", async () => {
    await putFaults({ kind: "server_error" });
    const answer = await list();
    expect(answer.status).toBe(503);
    expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
    expect(answer.text).toContain("<h1>503 Service Temporarily Unavailable</h1>");
    await putFaults({ kind: "server_error", serverErrorStatus: 502 });
    expect((await list()).status).toBe(502);
  });

  it("malformed_json answers 200 application/json that no JSON parser accepts", async () => {
    await putFaults({ kind: "malformed_json" });
    const answer = await list();
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
    expect(answer.text.startsWith('{"codes":[')).toBe(true);
  });

  it("truncated_body promises a Content-Length and closes the connection halfway", async () => {
    await putFaults({ kind: "truncated_body" });
    const response = await fetch(`${sim.baseUrl}/voucher/download/used-codes?limit=100`, {
      headers: { "X-DC-DEVKEY": KEY },
    });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("content-length"))).toBeGreaterThan(1000);
    await expect(response.text()).rejects.toThrow();
  });

  it("connection_reset cuts the connection before any answer", async () => {
    await putFaults({ kind: "connection_reset" });
    const error = await fetch(`${sim.baseUrl}/voucher/download/used-codes`, {
      headers: { "X-DC-DEVKEY": KEY },
    }).then(
      () => null,
      (failure: unknown) => failure as Error & { cause?: { code?: string } },
    );
    expect(error?.cause?.code).toBe("ECONNRESET");
    expect(sim.control.requests().at(-1)?.status).toBeNull();
  });

  it("bad_key answers 403 even to the right key", async () => {
    await putFaults({ kind: "bad_key" });
    const answer = await list();
    expect(answer.status).toBe(403);
    expect(answer.json()).toMatchObject({ errors: [{ code: "access_denied|access_denied_invalid_key" }] });
  });

  it("failNext hits only the next N requests, then switches itself off", async () => {
    await putFaults({ kind: "server_error", failNext: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await list()).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect(sim.control.faults()).toMatchObject({ kind: "none", failNext: null });
  });

  it("scope aims a fault at one endpoint and leaves the other alone", async () => {
    await putFaults({ kind: "server_error", scope: "order", failNext: 1 });
    expect((await list()).status).toBe(200);
    expect(
      (await request(sim, "/services/v2/order/certificate/204928159", { "X-DC-DEVKEY": KEY })).status,
    ).toBe(503);
    expect(
      (await request(sim, "/services/v2/order/certificate/204928159", { "X-DC-DEVKEY": KEY })).status,
    ).toBe(200);
  });

  it("shuffleTies returns rows tied on the sort in a new order each time; off, the order is stable", async () => {
    // One bulk voucher order: every code in it shares one created_date, so all of them tie.
    const sizes = new Map<unknown, number>();
    for (const row of sim.control.codes)
      sizes.set(row.voucher_order_id, (sizes.get(row.voucher_order_id) ?? 0) + 1);
    const [orderId, size] = [...sizes].sort((a, b) => b[1] - a[1])[0] ?? [];
    expect(size).toBeGreaterThan(20);
    const tied = async () =>
      (await usedCodes(sim, `filters[voucher_order_id]=${orderId}&sort=created_date`, KEY))
        .json()
        .codes?.map((r) => r.id);
    const stable = [await tied(), await tied()];
    expect(stable[0]).toEqual(stable[1]);
    sim.control.setFaults({ shuffleTies: true });
    const shuffled = [await tied(), await tied()];
    expect(shuffled[0]).not.toEqual(shuffled[1]);
    expect(new Set(shuffled[0])).toEqual(new Set(stable[0]));
  });

  it("ignorePaging answers the whole list without a page object", async () => {
    await putFaults({ ignorePaging: true });
    const body = (await list("limit=10&offset=5")).json();
    expect(body.page).toBeUndefined();
    expect(body.codes).toHaveLength(sim.control.codes.length);
  });

  it("can be switched on at start", async () => {
    const faulty = await startSimulator({
      key: KEY,
      count: 10,
      seed: 1,
      faults: { kind: "server_error", failNext: 1 },
    });
    try {
      const first = await usedCodes(faulty, "", KEY);
      const second = await usedCodes(faulty, "", KEY);
      expect([first.status, second.status]).toEqual([503, 200]);
    } finally {
      await faulty.close();
    }
  });
});

describe("control routes", () => {
  it("reads, replaces (defaults for what is left out) and clears the fault set", async () => {
    const set = await putFaults({ kind: "rate_limit", latencyMs: 5 });
    expect(set.json()).toMatchObject({ kind: "rate_limit", latencyMs: 5, scope: "all", retryAfter: "none" });
    await putFaults({ latencyMs: 7 });
    expect((await request(sim, "/__sim/faults")).json()).toMatchObject({ kind: "none", latencyMs: 7 });
    expect((await request(sim, "/__sim/faults", {}, { method: "DELETE" })).json()).toMatchObject({
      latencyMs: 0,
    });
  });

  it("refuses an unknown or ill-typed switch with 400 and keeps the current set", async () => {
    await putFaults({ kind: "server_error" });
    for (const body of [{ kind: "explode" }, { latency: 5 }, { failNext: 0 }, { latencyMs: "5" }]) {
      const answer = await putFaults(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json().error?.code).toBe("bad_request");
    }
    expect(sim.control.faults().kind).toBe("server_error");
    expect(() => sim.control.setFaults({ latencyMs: -1 })).toThrow(RangeError);
  });

  it("records every DigiCert request with method, path, raw and decoded query, all headers and the status", async () => {
    await request(sim, "/__sim/requests", {}, { method: "DELETE" });
    await usedCodes(sim, "filters%5Bproduct_name_id%5D=ssl_basic&sort=-id", KEY, {
      Accept: "text/csv",
      Cookie: "session=browser",
    });
    await request(sim, "/services/v2/order/certificate/1", {});
    const { requests } = (await request(sim, "/__sim/requests")).json() as {
      requests: Record<string, unknown>[];
    };
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      method: "GET",
      path: "/services/v2/voucher/download/used-codes",
      rawQuery: "filters%5Bproduct_name_id%5D=ssl_basic&sort=-id",
      query: [
        ["filters[product_name_id]", "ssl_basic"],
        ["sort", "-id"],
      ],
      headers: { "x-dc-devkey": KEY, accept: "text/csv", cookie: "session=browser" },
      status: 200,
    });
    expect(requests[1]).toMatchObject({ path: "/services/v2/order/certificate/1", status: 403 });
    expect(requests[1]?.headers).not.toHaveProperty("x-dc-devkey");
  });

  it("does not record its own requests, and reset clears faults, the log and the rate windows", async () => {
    for (let i = 0; i < 5; i++) await list();
    expect((await list()).status).toBe(429);
    await request(sim, "/__sim/faults");
    expect(sim.control.requests().every((entry) => entry.path.startsWith("/services/v2/"))).toBe(true);
    expect((await request(sim, "/__sim/reset", {}, { method: "POST" })).status).toBe(204);
    expect(sim.control.requests()).toEqual([]);
    expect((await list()).status).toBe(200);
  });

  it("serves loopback clients only", () => {
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of ["10.0.0.5", "192.168.1.2", "::ffff:10.0.0.5", "fe80::1", "", undefined]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  it("can be left out entirely", async () => {
    const bare = await startSimulator({ key: KEY, count: 5, seed: 1, controlRoutes: false });
    try {
      const answer = await request(bare, "/__sim/faults");
      expect(answer.status).toBe(404);
      expect(answer.json()).toMatchObject({ errors: [{ code: "not_found|route" }] });
    } finally {
      await bare.close();
    }
  });
});
