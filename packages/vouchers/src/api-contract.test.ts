import { describe, expect, it } from "vitest";
import { API_ERROR_CODES, apiErrorSchema, usedCodesResponseSchema } from "./api-contract.js";
import { usedCode } from "./test-support/rows.js";

describe("API contract", () => {
  const response = {
    codes: [
      usedCode({ id: 49170, certificate_order_id: "123456789012345678901", cert_validity_end_date: null }),
    ],
    fetchedAt: "2026-12-03T10:15:00.000Z",
    source: "digicert",
    region: "eu",
    stale: false,
  };

  it("accepts a used-codes response and keeps long ids as strings", () => {
    const parsed = usedCodesResponseSchema.parse(response);
    expect(parsed.codes[0]?.certificate_order_id).toBe("123456789012345678901");
    expect(
      usedCodesResponseSchema.parse({ ...response, source: "demo", region: null, codes: [] }).region,
    ).toBeNull();
  });

  it("refuses responses that break the contract", () => {
    for (const broken of [
      { ...response, source: "upstream" },
      { ...response, region: "apac" },
      { ...response, fetchedAt: "yesterday" },
      { ...response, stale: "no" },
      { ...response, codes: [{ ...usedCode({ id: 1 }), id: "1" }] },
      { ...response, codes: [{ ...usedCode({ id: 1 }), cert_organization: undefined }] },
    ]) {
      expect(usedCodesResponseSchema.safeParse(broken).success, JSON.stringify(broken)).toBe(false);
    }
  });

  it("knows the error codes and the error envelope", () => {
    expect(API_ERROR_CODES).toEqual([
      "bad_request",
      "unauthorized",
      "forbidden",
      "not_found",
      "order_not_found",
      "upstream_auth",
      "upstream_rate_limited",
      "upstream_unavailable",
      "upstream_timeout",
      "upstream_bad_response",
      "rate_limited",
      "internal",
    ]);
    expect(
      apiErrorSchema.parse({
        error: { code: "upstream_timeout", message: "DigiCert did not answer in 10 s." },
      }),
    ).toEqual({
      error: { code: "upstream_timeout", message: "DigiCert did not answer in 10 s." },
    });
    expect(apiErrorSchema.safeParse({ error: { code: "teapot", message: "x" } }).success).toBe(false);
    expect(apiErrorSchema.safeParse({ errors: [{ code: "not_found", message: "x" }] }).success).toBe(false);
  });
});
