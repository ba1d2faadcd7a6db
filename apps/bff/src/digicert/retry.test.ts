import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "./retry.js";

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it("reads delta-seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date as the time left until then, and a past date as zero", () => {
    expect(parseRetryAfter(new Date(now + 12_000).toUTCString(), now)).toBe(12_000);
    expect(parseRetryAfter(new Date(now - 60_000).toUTCString(), now)).toBe(0);
  });

  it("ignores what it cannot read", () => {
    for (const value of [undefined, "", "soon", "-5", "1.5", "3e2"])
      expect(parseRetryAfter(value, now)).toBeNull();
  });

  it("takes the first of repeated headers", () => {
    expect(parseRetryAfter(["4", "9"], now)).toBe(4_000);
  });
});

describe("backoffDelay", () => {
  const policy = { baseMs: 500, capMs: 4_000 };

  it("grows exponentially up to the cap, scaled by the jitter draw", () => {
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelay(retry, policy, () => 1))).toEqual([
      500, 1_000, 2_000, 4_000, 4_000, 4_000,
    ]);
    expect(backoffDelay(2, policy, () => 0.25)).toBe(500);
    expect(backoffDelay(5, policy, () => 0)).toBe(0);
  });
});
