import { gunzipSync } from "node:zlib";
import { normalizeUsedCodes } from "@voucher-desk/digicert";
import { generateUsedCodes } from "@voucher-desk/digicert-sim";
import { describe, expect, it } from "vitest";
import { UsedCodesSnapshot } from "./used-codes-snapshot.js";

describe("UsedCodesSnapshot", () => {
  const fetchedAt = new Date(Date.UTC(2026, 2, 4, 5, 6, 7));
  const meta = { source: "digicert", region: "eu" } as const;

  it.each([0, 1, 2_000, 4_501])(
    "sends exactly JSON.stringify's bytes for %i codes, fresh and stale",
    async (count) => {
      const codes = normalizeUsedCodes(generateUsedCodes({ count, seed: "snapshot" })).codes;
      const snapshot = await UsedCodesSnapshot.create(codes, meta, fetchedAt);
      const response = { codes, fetchedAt: fetchedAt.toISOString(), ...meta };
      for (const stale of [false, true]) {
        const body = snapshot.body(stale);
        const expected = JSON.stringify({ ...response, stale });
        expect(body.json.toString("utf8")).toBe(expected);
        expect(gunzipSync(await body.gzip).toString("utf8")).toBe(expected);
      }
    },
  );

  it("builds each variant once", async () => {
    const snapshot = await UsedCodesSnapshot.create([], meta, fetchedAt);
    expect(snapshot.body(true)).toBe(snapshot.body(true));
    expect(snapshot.body(false)).toBe(snapshot.body(false));
    expect(snapshot.index()).toBe(snapshot.index());
  });
});
