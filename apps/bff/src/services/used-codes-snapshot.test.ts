import { gunzipSync } from "node:zlib";
import { normalizeUsedCodes } from "@voucher-desk/digicert";
import { generateUsedCodes } from "@voucher-desk/digicert-sim";
import { UsedCodeLinesDecoder } from "@voucher-desk/vouchers";
import { describe, expect, it } from "vitest";
import { UsedCodesBodyWriter, UsedCodesSnapshot } from "./used-codes-snapshot.js";

/** What the dashboard reads from the lines form: the codes and the answer's other fields. */
function decodeLines(bytes: Buffer) {
  const decoder = new UsedCodeLinesDecoder();
  decoder.push(bytes.toString("utf8"));
  const { codes, rest } = decoder.end();
  return { codes, ...rest };
}

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
        const body = await snapshot.body(stale);
        const expected = JSON.stringify({ ...response, stale });
        expect(body.bytes.toString("utf8")).toBe(expected);
        expect(gunzipSync(await body.gzip()).toString("utf8")).toBe(expected);
      }
    },
  );

  it.each([0, 1, 2_000, 4_501])(
    "writes the lines form of the same answer for %i codes when asked, fresh and stale",
    async (count) => {
      const codes = normalizeUsedCodes(generateUsedCodes({ count, seed: "snapshot" })).codes;
      const snapshot = await UsedCodesSnapshot.create(codes, meta, fetchedAt);
      for (const stale of [false, true]) {
        const body = await snapshot.body(stale, "lines");
        const expected = { codes, fetchedAt: fetchedAt.toISOString(), ...meta, stale };
        expect(body.format).toBe("lines");
        expect(decodeLines(body.bytes)).toEqual(expected);
        expect(decodeLines(gunzipSync(await body.gzip()))).toEqual(expected);
      }
    },
  );

  it("a snapshot filled in the lines form writes the JSON on the first request for it", async () => {
    const codes = normalizeUsedCodes(generateUsedCodes({ count: 250, seed: "snapshot" })).codes;
    const snapshot = await UsedCodesSnapshot.create(codes, meta, fetchedAt, { format: "lines" });
    expect(await snapshot.writtenBytes("json")).toBe(0);
    const json = await snapshot.body(false);
    expect(json.bytes.toString("utf8")).toBe(
      JSON.stringify({ codes, fetchedAt: fetchedAt.toISOString(), ...meta, stale: false }),
    );
    expect(await snapshot.writtenBytes("json")).toBe(json.bytes.length);
    // The lines are 40% of the JSON's bytes: the keys are not repeated per row.
    const lines = await snapshot.body(false, "lines");
    expect(lines.bytes.length / json.bytes.length).toBeLessThan(0.5);
  });

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

  it("builds each variant once, however many ask at the same time", async () => {
    const snapshot = await UsedCodesSnapshot.create([], meta, fetchedAt);
    for (const format of ["json", "lines"] as const) {
      expect(snapshot.body(true, format)).toBe(snapshot.body(true, format));
      expect(snapshot.body(false, format)).toBe(snapshot.body(false, format));
      expect(await snapshot.body(true, format)).not.toBe(await snapshot.body(false, format));
    }
    expect(snapshot.index()).toBe(snapshot.index());
  });
});

describe("UsedCodesBodyWriter", () => {
  const fetchedAt = new Date(Date.UTC(2026, 2, 4, 5, 6, 7));
  const meta = { source: "demo", region: null } as const;
  const codes = normalizeUsedCodes(generateUsedCodes({ count: 5_321, seed: "writer" })).codes;

  it.each([
    ["pages of 1000", [1000, 1000, 1000, 1000, 1000, 321]],
    ["one row, then the rest in one long batch", [1, 5_320]],
    ["uneven batches, empty ones among them", [0, 7, 2_500, 0, 2_814]],
  ])("writes exactly JSON.stringify's bytes from %s", async (_name, sizes) => {
    await expectExactBytes(new UsedCodesBodyWriter(), sizes);
  });

  it("compressed while writing, gzips to exactly the same bytes", async () => {
    await expectExactBytes(
      new UsedCodesBodyWriter({ gzipWhileWriting: true, chunkBytes: 40_000 }),
      [1, 999, 1000, 3_321],
    );
  });

  it("keeps the gzip it made, whenever it was made", async () => {
    for (const gzipWhileWriting of [false, true]) {
      const body = new UsedCodesBodyWriter({ gzipWhileWriting });
      await body.add(codes.slice(0, 50));
      const encoded = body.finish(meta, fetchedAt);
      const first = encoded.gzip();
      expect(encoded.gzip()).toBe(first);
      expect(gunzipSync(await first).equals(encoded.bytes)).toBe(true);
    }
  });

  it("a discarded body closes its compressor without an unhandled failure", async () => {
    const body = new UsedCodesBodyWriter({ gzipWhileWriting: true });
    await body.add(codes.slice(0, 100));
    body.discard();
    await expect(body.add(codes.slice(100, 101))).rejects.toThrow("already finished");
    // An unhandled rejection from the destroyed compressor would fail this run.
    await new Promise((resolve) => setTimeout(resolve, 20));
  });

  it.each([40_000, 400_000])(
    "writes exactly JSON.stringify's bytes across chunks of %i bytes",
    async (chunkBytes) => {
      // 40 KB: every group of 100 codes (~60 KB) is larger than a chunk. 400 KB: a few groups
      // share a chunk, and a batch ends or a chunk fills between any two.
      await expectExactBytes(new UsedCodesBodyWriter({ chunkBytes }), [3, 5, 1000, 17, 40, 2_256, 2_000]);
    },
  );

  it("sized by a close estimate, the answer is the chunk it was written in; else it is copied out", async () => {
    const exact = (await written(new UsedCodesBodyWriter())).length;
    for (const [expectedBytes, keepsChunk] of [
      [exact + 1, true],
      [exact + 50_000, true],
      [exact * 2, false], // half of it unused: not kept for the snapshot's life
      [exact - 1, false], // too small: a second chunk, then one copy
    ] as const) {
      const json = await written(new UsedCodesBodyWriter({ expectedBytes, chunkBytes: 40_000 }));
      expect(json.toString("utf8")).toBe(
        JSON.stringify({ codes, fetchedAt: fetchedAt.toISOString(), ...meta, stale: false }),
      );
      // Kept: the answer's memory is the chunk allocated for it; copied: exactly the answer's.
      expect(json.buffer.byteLength).toBe(keepsChunk ? expectedBytes : json.length);
    }
  });

  async function written(body: UsedCodesBodyWriter): Promise<Buffer> {
    await body.add(codes);
    return body.finish(meta, fetchedAt).bytes;
  }

  async function expectExactBytes(body: UsedCodesBodyWriter, sizes: number[]) {
    let start = 0;
    for (const size of sizes) {
      await body.add(codes.slice(start, start + size));
      start += size;
    }
    const snapshot = UsedCodesSnapshot.complete(codes, body, meta, fetchedAt);
    const expected = (stale: boolean) =>
      JSON.stringify({ codes, fetchedAt: fetchedAt.toISOString(), ...meta, stale });
    expect((await snapshot.body(false)).bytes.toString("utf8")).toBe(expected(false));
    expect((await snapshot.body(true)).bytes.toString("utf8")).toBe(expected(true));
    expect(gunzipSync(await (await snapshot.body(false)).gzip()).toString("utf8")).toBe(expected(false));
  }

  it.each([40_000, 400_000])(
    "writes the lines form across chunks of %i bytes, compressed while writing",
    async (chunkBytes) => {
      const body = new UsedCodesBodyWriter({ format: "lines", gzipWhileWriting: true, chunkBytes });
      let start = 0;
      for (const size of [3, 5, 1000, 17, 0, 2_296, 2_000]) {
        await body.add(codes.slice(start, start + size));
        start += size;
      }
      const snapshot = UsedCodesSnapshot.complete(codes, body, meta, fetchedAt);
      const expected = { codes, fetchedAt: fetchedAt.toISOString(), ...meta, stale: false };
      const lines = await snapshot.body(false, "lines");
      expect(decodeLines(lines.bytes)).toEqual(expected);
      expect(decodeLines(gunzipSync(await lines.gzip()))).toEqual(expected);
    },
  );

  it("refuses a snapshot whose codes are not the ones written", async () => {
    const body = new UsedCodesBodyWriter();
    await body.add(codes.slice(0, 10));
    expect(() => UsedCodesSnapshot.complete(codes.slice(0, 11), body, meta, fetchedAt)).toThrow(
      "the written body holds 10 codes, the snapshot 11",
    );
  });

  it("is finished once: no more codes, no second ending", async () => {
    const body = new UsedCodesBodyWriter();
    await body.add(codes.slice(0, 3));
    UsedCodesSnapshot.complete(codes.slice(0, 3), body, meta, fetchedAt);
    await expect(body.add(codes.slice(3, 4))).rejects.toThrow("already finished");
    expect(() => body.finish(meta, fetchedAt)).toThrow("already finished");
  });
});
