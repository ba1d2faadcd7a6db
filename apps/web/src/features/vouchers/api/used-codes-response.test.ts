import { describe, expect, it } from "vitest";
import { usedCode, usedCodesResponse } from "../../../../test/used-codes";
import { spotCheckPositions, usedCodesResponseSpotCheck } from "./used-codes-response";

describe("the used-codes spot check", () => {
  it("checks the first, the last and evenly spaced rows, each once", () => {
    expect(spotCheckPositions(0)).toEqual([]);
    expect(spotCheckPositions(1)).toEqual([0]);
    expect(spotCheckPositions(3)).toEqual([0, 1, 2]);
    const positions = spotCheckPositions(100_000);
    expect(positions).toHaveLength(18);
    expect(positions[0]).toBe(0);
    expect(positions.at(-1)).toBe(99_999);
    const gaps = positions.slice(1).map((p, i) => p - (positions[i] ?? 0));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });

  it("passes a valid list through with every row", () => {
    const codes = Array.from({ length: 50 }, (_, i) => usedCode({ id: i + 1 }));
    const parsed = usedCodesResponseSpotCheck.parse(usedCodesResponse(codes));
    expect(parsed.codes).toEqual(codes);
  });

  it.each(spotCheckPositions(50))("refuses a retyped field in checked row %i, naming it", (at) => {
    const codes: unknown[] = Array.from({ length: 50 }, (_, i) => usedCode({ id: i + 1 }));
    codes[at] = { ...usedCode({ id: at + 1 }), certificate_order_id: 12345 };
    expect(() => usedCodesResponseSpotCheck.parse(usedCodesResponse(codes as never))).toThrow(
      `codes[${at}]: unexpected certificate_order_id`,
    );
  });

  it("still validates the envelope in full", () => {
    const valid = usedCodesResponse([usedCode()]);
    expect(() => usedCodesResponseSpotCheck.parse({ ...valid, stale: "no" })).toThrow(/stale/);
    expect(() => usedCodesResponseSpotCheck.parse({ ...valid, codes: { 0: usedCode() } })).toThrow(
      "codes: expected a list",
    );
  });
});
