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

  it("writes a CSV report once per key and serves the same bytes after", async () => {
    const snapshot = await UsedCodesSnapshot.create([], meta, fetchedAt);
    const written: string[] = [];
    const writer = (text: string) => () => {
      written.push(text);
      return text;
    };
    const first = snapshot.report("product=ssl_basic#bom=true", writer("id\r\n1\r\n"));
    const again = snapshot.report("product=ssl_basic#bom=true", writer("never written"));
    const other = snapshot.report("product=ssl_basic#bom=false", writer("id\r\n2\r\n"));
    expect(first.csv.toString("utf8")).toBe("id\r\n1\r\n");
    expect(again).toBe(first);
    expect(other.csv.toString("utf8")).toBe("id\r\n2\r\n");
    expect(written).toEqual(["id\r\n1\r\n", "id\r\n2\r\n"]);
  });

  it("gzips a kept report once, to exactly its bytes", async () => {
    const snapshot = await UsedCodesSnapshot.create([], meta, fetchedAt);
    const text = "id,name\r\n1,Zoë 株式会社\r\n";
    const report = snapshot.report("k", () => text);
    const zipped = await report.gzip();
    expect(gunzipSync(zipped).toString("utf8")).toBe(text);
    expect(await snapshot.report("k", () => "never written").gzip()).toBe(zipped);
  });

  it("keeps reports within its byte budget, least recently used out first", async () => {
    const snapshot = await UsedCodesSnapshot.create([], meta, fetchedAt, { reportCacheBytes: 25 });
    const writes: string[] = [];
    const ask = (key: string) =>
      snapshot.report(key, () => {
        writes.push(key);
        return key.repeat(10);
      }).csv.length;
    expect([ask("a"), ask("b")]).toEqual([10, 10]); // 20 bytes kept
    ask("a"); // a is now the most recent
    expect(ask("c")).toBe(10); // 30 > 25: b, the least recent, goes
    ask("a");
    ask("c");
    ask("b"); // written again
    expect(ask("x".repeat(3))).toBe(30); // larger than the budget: written, not kept
    ask("xxx");
    expect(writes).toEqual(["a", "b", "c", "b", "xxx", "xxx"]);
  });

  it("builds each variant once", async () => {
    const snapshot = await UsedCodesSnapshot.create([], meta, fetchedAt);
    expect(snapshot.body(true)).toBe(snapshot.body(true));
    expect(snapshot.body(false)).toBe(snapshot.body(false));
    expect(snapshot.index()).toBe(snapshot.index());
  });
});
