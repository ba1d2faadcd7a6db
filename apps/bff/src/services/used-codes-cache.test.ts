import { gunzipSync } from "node:zlib";
import { normalizeUsedCodes, type UsedCode } from "@voucher-desk/digicert";
import { generateUsedCodes } from "@voucher-desk/digicert-sim";
import { UsedCodeLinesDecoder } from "@voucher-desk/vouchers";
import { describe, expect, it } from "vitest";
import { UpstreamError } from "../digicert/upstream-error.js";
import { FakeClock } from "../test-support/fake-clock.js";
import { recordingLogger } from "../test-support/recording-logger.js";
import { UsedCodesCache, type UsedCodesCacheOptions } from "./used-codes-cache.js";

const meta = { source: "digicert", region: "us" } as const;

/** A page walk over `codes` that hands them on in pages of `pageSize`, failing at page `failAt`. */
function walkOver(codes: readonly UsedCode[], { pageSize = 1000, failAt = Number.POSITIVE_INFINITY } = {}) {
  const fetchAll: UsedCodesCacheOptions["fetchAll"] = async (onNewCodes) => {
    for (let page = 0; page * pageSize < codes.length; page++) {
      if (page === failAt) throw new UpstreamError("unavailable", "DigiCert is unavailable (503)");
      await onNewCodes(codes.slice(page * pageSize, (page + 1) * pageSize));
    }
    return codes;
  };
  return fetchAll;
}

function cacheWith(fetchAll: UsedCodesCacheOptions["fetchAll"], clock = new FakeClock()) {
  return new UsedCodesCache({
    fetchAll,
    meta,
    ttlMs: 60_000,
    refreshMinIntervalMs: 0,
    clock,
    logger: recordingLogger(),
  });
}

const expectedJson = (codes: readonly UsedCode[], fetchedAt: Date) =>
  JSON.stringify({ codes, fetchedAt: fetchedAt.toISOString(), ...meta, stale: false });

describe("UsedCodesCache fills", () => {
  const codes = normalizeUsedCodes(generateUsedCodes({ count: 3_456, seed: "cache" })).codes;

  it.each([false, true])(
    "builds the answer from the pages as the walk hands them on (reader takes gzip: %s)",
    async (gzip) => {
      const { snapshot } = await cacheWith(walkOver(codes)).get({ gzip });
      expect(snapshot.codes).toBe(codes);
      const expected = expectedJson(codes, snapshot.fetchedAt);
      expect((await snapshot.body(false)).bytes.toString("utf8")).toBe(expected);
      expect(gunzipSync(await (await snapshot.body(false)).gzip()).toString("utf8")).toBe(expected);
    },
  );

  it("a fill for the dashboard writes its lines while pages arrive, and the JSON only when asked", async () => {
    const { snapshot } = await cacheWith(walkOver(codes)).get({ format: "lines", gzip: true });
    expect(await snapshot.writtenBytes("lines")).toBeGreaterThan(0);
    expect(await snapshot.writtenBytes("json")).toBe(0);
    const decoder = new UsedCodeLinesDecoder();
    decoder.push(gunzipSync(await (await snapshot.body(false, "lines")).gzip()).toString("utf8"));
    expect(decoder.end().codes).toEqual(codes);
    expect((await snapshot.body(false)).bytes.toString("utf8")).toBe(expectedJson(codes, snapshot.fetchedAt));
  });

  it("a refresh, sized by the answer before it, writes exactly the new list (shorter or longer)", async () => {
    const clock = new FakeClock();
    let fetchAll = walkOver(codes);
    const cache = cacheWith((onNewCodes) => fetchAll(onNewCodes), clock);
    await cache.get();
    for (const next of [codes.slice(0, 3_000), codes, codes.slice(0, 10)]) {
      await clock.advance(1_000);
      fetchAll = walkOver(next);
      const { snapshot } = await cache.refresh();
      expect((await snapshot.body(false)).bytes.toString("utf8")).toBe(
        expectedJson(next, snapshot.fetchedAt),
      );
    }
  });

  it("a walk that fails midway fails the refresh, keeps the list it had, and leaves nothing behind", async () => {
    const clock = new FakeClock();
    let fetchAll = walkOver(codes.slice(0, 1_500));
    const cache = cacheWith((onNewCodes) => fetchAll(onNewCodes), clock);
    const first = (await cache.get()).snapshot;

    await clock.advance(1_000);
    fetchAll = walkOver(codes, { failAt: 2 });
    await expect(cache.refresh({ gzip: true })).rejects.toMatchObject({ kind: "unavailable" });
    expect(cache.peek()).toBe(first);

    // The next fill starts from an empty answer: none of the failed fill's pages are in it.
    fetchAll = walkOver(codes);
    const { snapshot } = await cache.refresh();
    expect(snapshot).not.toBe(first);
    expect((await snapshot.body(false)).bytes.toString("utf8")).toBe(expectedJson(codes, snapshot.fetchedAt));
  });

  it("refuses a walk that returns codes it did not hand on", async () => {
    const cache = cacheWith(async () => codes);
    await expect(cache.get()).rejects.toThrow(`the written body holds 0 codes, the snapshot ${codes.length}`);
    expect(cache.peek()).toBeUndefined();
  });
});
