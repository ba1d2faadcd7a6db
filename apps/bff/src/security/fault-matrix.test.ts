import type { FaultsInput } from "@voucher-desk/digicert-sim";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../test-support/harness.js";
import { expectNoKey, responseText } from "./leaks.js";

/**
 * Every way DigiCert can fail, through the real client against the simulator, mapped to the
 * status, code, message and Retry-After that apps/bff/README.md documents. Both upstream calls
 * are checked: the list walk and the order lookup.
 */

interface Expected {
  status: number;
  code: string;
  message: RegExp;
  /** Retry-After in seconds: an exact value, a range, or absent (null). */
  retryAfter: number | [number, number] | null;
}

const TIMEOUT: Expected = {
  status: 504,
  code: "upstream_timeout",
  message: /^DigiCert took too long to answer\. Try again in a moment\.$/,
  retryAfter: null,
};
const UNAVAILABLE: Expected = {
  status: 503,
  code: "upstream_unavailable",
  message: /^DigiCert cannot be reached right now\. Try again in \d+ s\.$/,
  retryAfter: [1, 60],
};
const BAD_RESPONSE: Expected = {
  status: 502,
  code: "upstream_bad_response",
  message: /^DigiCert sent an answer this server cannot read\./,
  retryAfter: null,
};
const rateLimited = (retryAfter: Expected["retryAfter"]): Expected => ({
  status: 503,
  code: "upstream_rate_limited",
  message: /^DigiCert's request limit is reached for now\. Try again in \d+ s\.$/,
  retryAfter,
});

const MATRIX: [string, FaultsInput, Expected][] = [
  // Well past the harness's 500 ms header timeout, whatever the resolution of undici's timers.
  ["a timeout", { latencyMs: 1_500 }, TIMEOUT],
  ["a connection reset", { kind: "connection_reset" }, UNAVAILABLE],
  ["a 503 with an HTML body", { kind: "server_error", serverErrorStatus: 503 }, UNAVAILABLE],
  ["a 500 with an HTML body", { kind: "server_error", serverErrorStatus: 500 }, BAD_RESPONSE],
  ["a 502 with an HTML body", { kind: "server_error", serverErrorStatus: 502 }, BAD_RESPONSE],
  ["malformed JSON", { kind: "malformed_json" }, BAD_RESPONSE],
  ["a truncated body", { kind: "truncated_body" }, BAD_RESPONSE],
  // Longer than the client waits (maxRetryWaitMs 3 s), so it is passed on rather than slept out.
  [
    "429 with Retry-After in seconds",
    { kind: "rate_limit", retryAfter: "seconds", retryAfterSeconds: 42 },
    rateLimited(42),
  ],
  [
    "429 with Retry-After as a date",
    { kind: "rate_limit", retryAfter: "http-date", retryAfterSeconds: 42 },
    rateLimited([40, 43]),
  ],
  ["429 without Retry-After", { kind: "rate_limit", retryAfter: "none" }, rateLimited([1, 60])],
  [
    "403 (key refused)",
    { kind: "bad_key" },
    {
      status: 502,
      code: "upstream_auth",
      message: /^DigiCert rejected this server's API key\. The server's operator must check DIGICERT_API_KEY/,
      retryAfter: null,
    },
  ],
];

async function expectMapped(response: Response, expected: Expected): Promise<void> {
  const text = await responseText(response.clone());
  expectNoKey(text, `${response.url} under a fault`);
  expect(response.status).toBe(expected.status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(expected.code);
  expect(body.error.message).toMatch(expected.message);
  // Nothing of the upstream's own answer comes through.
  expect(text).not.toMatch(/<html|nginx|request_limit_exceeded|access_denied|\/services\/v2/i);
  const retryAfter = response.headers.get("retry-after");
  if (expected.retryAfter === null) expect(retryAfter).toBeNull();
  else if (typeof expected.retryAfter === "number") expect(Number(retryAfter)).toBe(expected.retryAfter);
  else {
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(expected.retryAfter[0]);
    expect(Number(retryAfter)).toBeLessThanOrEqual(expected.retryAfter[1]);
  }
}

describe("the upstream fault matrix", () => {
  // A fresh BFF per case: after a 429 it rightly holds off upstream, which would mask the next case.
  let harness: Harness;
  let orderId: string;
  beforeEach(async () => {
    harness = await startHarness({ sim: { count: 20 } });
    orderId = String(
      harness.sim.control.codes.find((row) => /^\d+$/.test(String(row.certificate_order_id)))
        ?.certificate_order_id,
    );
  });
  afterEach(async () => harness.close());

  it.each(MATRIX)("maps %s on the used-codes list", async (_name, faults, expected) => {
    // The list cache is cold after every failure, so each case walks upstream again.
    harness.sim.control.setFaults({ ...faults, scope: "used-codes" });
    await expectMapped(await harness.request("/api/used-codes"), expected);
    expect(harness.sim.control.requests().length).toBeGreaterThan(0);
  });

  it.each(MATRIX)("maps %s on an order", async (_name, faults, expected) => {
    harness.sim.control.setFaults({ ...faults, scope: "order" });
    await expectMapped(await harness.request(`/api/orders/${orderId}`), expected);
  });

  it("maps 404 on an order to order_not_found", async () => {
    await expectMapped(await harness.request("/api/orders/999999999999"), {
      status: 404,
      code: "order_not_found",
      message: /^Order not found, or not visible to this API key\.$/,
      retryAfter: null,
    });
  });

  it("answers again once the fault is gone", async () => {
    harness.sim.control.setFaults({ kind: "server_error", scope: "used-codes" });
    expect((await harness.request("/api/used-codes")).status).toBe(503);
    harness.sim.control.clearFaults();
    expect((await harness.request("/api/used-codes")).status).toBe(200);
  });
});
