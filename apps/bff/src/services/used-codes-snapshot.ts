import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { UsedCode } from "@voucher-desk/digicert";
import { buildIndex, type UsedCodeIndex, type UsedCodesResponse } from "@voucher-desk/vouchers";

const gzipAsync = promisify(gzip);

/**
 * Measured on 100,000 codes (62.5 MB of JSON, 2 cores): level 4 takes 290 ms for 7.3 MB, the
 * default 6 takes 490 ms for 6.6 MB, level 1 280 ms for 8.1 MB. Done once per cache fill, on
 * libuv's thread pool, not the event loop.
 */
const GZIP_LEVEL = 4;

/**
 * Codes serialized per turn of the event loop. One `JSON.stringify` of 100,000 codes holds the
 * loop for ~600 ms, stalling every other request during a background refresh. In slices of
 * 2,000 it takes ~1 s in all, but the longest pause measured was 140 ms (p99 32 ms).
 */
const CODES_PER_SLICE = 2_000;

/**
 * CSV reports kept per snapshot, most recently used first out. Scripts and scheduled reports
 * ask for the same few views again and again, and writing one takes ~600 ms for 55,000 of
 * 100,000 codes (bench: 12x the cost of sending the same bytes). A report of every code is
 * ~30 MB, so the budget holds a couple of those or many filtered ones.
 */
const REPORT_CACHE_BYTES = 64 * 2 ** 20;

export interface SnapshotOptions {
  /** Bytes of CSV reports kept (default 64 MiB); a larger report is written but not kept. */
  reportCacheBytes?: number;
}

export interface SnapshotMeta {
  source: UsedCodesResponse["source"];
  region: UsedCodesResponse["region"];
}

/** The bytes of one `/api/used-codes` answer, plain and gzipped. */
export interface EncodedBody {
  json: Buffer;
  gzip: Promise<Buffer>;
}

/**
 * The bytes of one CSV report. Kept as bytes, not a string: a 100,000-row report is ~17 MB, and
 * encoding it again per send cost ~100 ms, gzipping it per send ~450 ms. Its gzip is made on the
 * first request that accepts it (many report clients never ask), then kept with it.
 */
export interface EncodedReport {
  csv: Buffer;
  gzip(): Promise<Buffer>;
}

const FRESH_TAIL = '"stale":false}';
const STALE_TAIL = '"stale":true}';

/**
 * One fetched list, with everything derived from it built at most once: the response bytes
 * (serializing 100,000 codes per request would stall every other request), their gzip, and the
 * query index for CSV reports. `stale` is the last key, so the stale variant is the fresh bytes
 * with another tail instead of a second serialization.
 */
export class UsedCodesSnapshot {
  readonly #fresh: EncodedBody;
  #stale: EncodedBody | undefined;
  #index: UsedCodeIndex | undefined;
  /** Insertion order is recency order: a hit moves its report to the end. */
  readonly #reports = new Map<string, EncodedReport>();
  #reportBytes = 0;
  readonly #reportCacheBytes: number;

  private constructor(
    readonly codes: readonly UsedCode[],
    readonly fetchedAt: Date,
    json: Buffer,
    options: SnapshotOptions,
  ) {
    this.#fresh = encode(json);
    this.#reportCacheBytes = options.reportCacheBytes ?? REPORT_CACHE_BYTES;
  }

  /** Serializes the answer up front, a slice at a time, so the snapshot is ready to send. */
  static async create(
    codes: readonly UsedCode[],
    meta: SnapshotMeta,
    fetchedAt: Date,
    options: SnapshotOptions = {},
  ): Promise<UsedCodesSnapshot> {
    const rest: Omit<UsedCodesResponse, "codes"> = {
      fetchedAt: fetchedAt.toISOString(),
      source: meta.source,
      region: meta.region,
      stale: false,
    };
    const tail = JSON.stringify(rest);
    if (!tail.endsWith(FRESH_TAIL)) throw new Error("the used-codes response must end with its stale flag");

    const parts: Buffer[] = [Buffer.from('{"codes":[')];
    for (let start = 0; start < codes.length; start += CODES_PER_SLICE) {
      const slice = JSON.stringify(codes.slice(start, start + CODES_PER_SLICE)).slice(1, -1);
      parts.push(Buffer.from(start === 0 ? slice : `,${slice}`));
      await yieldToEventLoop();
    }
    parts.push(Buffer.from(`],${tail.slice(1)}`));
    return new UsedCodesSnapshot(codes, fetchedAt, Buffer.concat(parts), options);
  }

  body(stale: boolean): EncodedBody {
    if (!stale) return this.#fresh;
    if (!this.#stale) {
      const fresh = this.#fresh.json;
      const head = fresh.subarray(0, fresh.length - Buffer.byteLength(FRESH_TAIL));
      this.#stale = encode(Buffer.concat([head, Buffer.from(STALE_TAIL)]));
    }
    return this.#stale;
  }

  index(): UsedCodeIndex {
    this.#index ??= buildIndex(this.codes);
    return this.#index;
  }

  /**
   * One CSV report, written by `write` the first time `key` is asked for on this
   * snapshot and kept while they fit the report budget. `key` must name everything the bytes
   * depend on (the canonical view and the options); the data is this snapshot's, so a refresh,
   * which makes a new snapshot, never serves an old report. The budget counts the plain bytes;
   * a kept gzip adds about a quarter of them.
   */
  report(key: string, write: () => string): EncodedReport {
    const kept = this.#reports.get(key);
    if (kept) {
      this.#reports.delete(key);
      this.#reports.set(key, kept);
      return kept;
    }
    const report = encodeReport(Buffer.from(write()));
    const bytes = report.csv.length;
    if (bytes <= this.#reportCacheBytes) {
      this.#reports.set(key, report);
      this.#reportBytes += bytes;
      for (const [oldKey, old] of this.#reports) {
        if (this.#reportBytes <= this.#reportCacheBytes) break;
        this.#reports.delete(oldKey);
        this.#reportBytes -= old.csv.length;
      }
    }
    return report;
  }
}

function encodeReport(csv: Buffer): EncodedReport {
  let compressed: Promise<Buffer> | undefined;
  return {
    csv,
    gzip() {
      compressed ??= gzipAsync(csv, { level: GZIP_LEVEL });
      // A failed gzip is not kept: the next request tries again.
      compressed.catch(() => {
        compressed = undefined;
      });
      return compressed;
    },
  };
}

function encode(json: Buffer): EncodedBody {
  const compressed = gzipAsync(json, { level: GZIP_LEVEL });
  // Nobody may ask for gzip; a failure then must not become an unhandled rejection.
  compressed.catch(() => {});
  return { json, gzip: compressed };
}
