import { FIELDS, VIEW_PARAMS } from "@voucher-desk/vouchers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../test-support/harness.js";
import { expectNoKey } from "./leaks.js";

/**
 * Generated hostile input on every /api route: 10,000 query strings and path params, seeded so
 * a failure replays (fast-check prints the seed and the shrunk case). The BFF must answer each
 * with a status below 500 (upstream is healthy here), in the one error shape, without the key,
 * and upstream must see nothing but the two allowed calls.
 */

const RUNS = 10_000;
const SEED = 20_260_105;

const ALLOWED_UPSTREAM = [
  /^\/services\/v2\/voucher\/download\/used-codes$/,
  /^\/services\/v2\/order\/certificate\/[0-9]+$/,
];
/** The only query keys the page walk sends. */
const ALLOWED_UPSTREAM_QUERY = new Set(["limit", "offset", "sort"]);

const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "",
    " ",
    "..",
    "../../etc/passwd",
    "%",
    "%zz",
    "%E0%A4%A",
    "%00",
    "\u0000",
    "\r\nX-Injected: 1",
    "<script>alert(1)</script>",
    "'; DROP TABLE codes; --",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell-style probe is meant literally
    "${jndi:ldap://x}",
    "__proto__",
    "constructor",
    "9".repeat(400),
    "a".repeat(5_000),
    "-1",
    "1e308",
    "NaN",
    "2024-02-30",
    "2024-01-01..",
    "..2024-01-01",
    "blank",
    "=cmd|' /C calc'!A0",
    "\u0661\u0662\u0663",
    "\uFF11\uFF12",
    "\uD800",
    "%ED%A0%80",
    "%C0%AE%C0%AE",
    "%FF",
  ),
);

const viewKeys = [
  VIEW_PARAMS.q,
  VIEW_PARAMS.sort,
  VIEW_PARAMS.columns,
  "bom",
  ...FIELDS.map((field) => field.urlKey),
];
const queryKey = fc.oneof(
  fc.constantFrom(
    ...viewKeys,
    "filters[code]",
    "limit",
    "offset",
    "__proto__",
    "constructor[prototype]",
    "x-dc-devkey",
  ),
  hostileText,
);

/** How a pair is put on the wire: properly encoded, raw (legal characters only), or with broken escapes. */
const encoding = fc.constantFrom("encoded", "raw", "broken");
function put(raw: string, how: string): string {
  // A lone surrogate has no UTF-8 form a client could send; its nearest wire form is below (%ED%A0%80).
  const text = raw.toWellFormed();
  if (how === "encoded") return encodeURIComponent(text).replace(/%2C/g, ",");
  if (how === "broken") return `${encodeURIComponent(text)}%${text.length % 2 === 0 ? "g" : ""}`;
  return text.replace(/[^A-Za-z0-9\-._~!$'()*+,;=:@/?%]/gu, (char) => encodeURIComponent(char));
}

const queryString = fc
  .array(fc.tuple(queryKey, hostileText, encoding), { maxLength: 6 })
  .map((pairs) => pairs.map(([key, value, how]) => `${put(key, how)}=${put(value, how)}`).join("&"));

const orderId = fc.oneof(
  fc.stringMatching(/^[0-9]{1,35}$/),
  fc.constantFrom("%2e%2e", "..%2f..%2fvoucher", "%2f", "%D9%A1", "%EF%BC%91", "0", "-0", "1.0"),
  hostileText.map((text) => put(text, "encoded")),
);

const apiCase = fc.oneof(
  queryString.map((query) => ({ method: "GET" as const, path: "/api/used-codes", query })),
  queryString.map((query) => ({ method: "GET" as const, path: "/api/used-codes.csv", query })),
  fc
    .tuple(orderId, queryString)
    .map(([id, query]) => ({ method: "GET" as const, path: `/api/orders/${id}`, query })),
  queryString.map((query) => ({ method: "POST" as const, path: "/api/used-codes/refresh", query })),
  queryString.map((query) => ({ method: "GET" as const, path: "/api/health", query })),
  queryString.map((query) => ({ method: "GET" as const, path: "/api/ready", query })),
  fc.tuple(hostileText, queryString).map(([segment, query]) => ({
    method: "GET" as const,
    path: `/api/${put(segment, "encoded")}`,
    query,
  })),
);

describe("fuzzing /api query strings and path params", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ sim: { count: 150 }, config: { apiRateLimitPerMinute: 1_000_000 } });
  });
  afterAll(async () => harness.close());

  it(`answers ${RUNS} generated requests without a 5xx, a crash, a leak or a stray upstream call`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(apiCase, async ({ method, path, query }) => {
        const url = query === "" ? path : `${path}?${query}`;
        const response = await harness.app.inject({ method, url });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode, url).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json(), url).toMatchObject({
            error: { code: expect.any(String), message: expect.any(String) },
          });
        }
        expectNoKey(`${JSON.stringify(response.headers)}\n${response.body}`, url);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );

    expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBe(RUNS);
    // The generator reaches both success and refusal, or it tests nothing.
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(400)).toBeGreaterThan(100);

    const upstream = harness.sim.control.requests();
    expect(upstream.length).toBeGreaterThan(0);
    for (const request of upstream) {
      expect(
        ALLOWED_UPSTREAM.some((allowed) => allowed.test(request.path)),
        request.path,
      ).toBe(true);
      expect(request.method).toBe("GET");
      for (const [key] of request.query) {
        if (request.path.endsWith("used-codes")) expect(ALLOWED_UPSTREAM_QUERY.has(key), key).toBe(true);
      }
      if (request.path.includes("/order/")) expect(request.rawQuery).toBe("");
    }
    expect((await harness.request("/api/health")).status).toBe(200);
  }, 120_000);
});
