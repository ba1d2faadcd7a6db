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
    const body = new UsedCodesBodyWriter();
    await body.add(codes);
    return UsedCodesSnapshot.complete(codes, body, meta, fetchedAt, options);
  }

  /**
   * The snapshot of `codes`, whose JSON `body` was written while they arrived (a page walk
   * hands each page to `body.add`), so only the closing bytes are left to write.
   */
  static complete(
    codes: readonly UsedCode[],
    body: UsedCodesBodyWriter,
    meta: SnapshotMeta,
    fetchedAt: Date,
    options: SnapshotOptions = {},
  ): UsedCodesSnapshot {
    if (body.count !== codes.length) {
      throw new Error(`the written body holds ${body.count} codes, the snapshot ${codes.length}`);
    }
    return new UsedCodesSnapshot(codes, fetchedAt, body.finish(meta, fetchedAt), options);
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

const OPENING = Buffer.from('{"codes":[');
const COMMA = Buffer.from(",");
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2). */
const MAX_UTF8_BYTES_PER_UNIT = 3;
/** Bytes written into one allocation before the next; the answer is copied out of them once. */
const CHUNK_BYTES = 16 * 2 ** 20;

/**
 * The `/api/used-codes` answer, written as codes arrive: each batch is serialized once, in
 * slices, so the answer is ready as soon as the last page is in (writing the whole list at
 * the end added ~0.7 s to every 100,000-code fill). The JSON is encoded straight into large
 * chunks: `Buffer.from` on each slice's string cost ~4x more, and the chunks are copied once
 * into the answer at the end.
 */
export class UsedCodesBodyWriter {
  readonly #parts: Buffer[] = [OPENING];
  #bytes = OPENING.length;
  #chunk = Buffer.alloc(0);
  #used = 0;
  #count = 0;
  #finished = false;
  readonly #chunkBytes: number;

  /** `chunkBytes`: the size of each allocation (tests make it small to cross chunks often). */
  constructor({ chunkBytes = CHUNK_BYTES }: { chunkBytes?: number } = {}) {
    this.#chunkBytes = chunkBytes;
  }

  /** Codes written so far. */
  get count(): number {
    return this.#count;
  }

  /** Appends `codes` to the list, yielding to the event loop between slices of a long batch. */
  async add(codes: readonly UsedCode[]): Promise<void> {
    if (this.#finished) throw new Error("the used-codes body is already finished");
    for (let start = 0; start < codes.length; start += CODES_PER_SLICE) {
      if (start > 0) await yieldToEventLoop();
      const slice = codes.slice(start, start + CODES_PER_SLICE);
      // "[a,b]" without its brackets: the bytes in between are exactly the codes, comma-joined.
      const json = this.#encode(JSON.stringify(slice));
      if (this.#count > 0) this.#push(COMMA);
      this.#push(json.subarray(1, -1));
      this.#count += slice.length;
    }
  }

  /** Closes the list with the rest of the answer and returns its bytes. */
  finish(meta: SnapshotMeta, fetchedAt: Date): Buffer {
    if (this.#finished) throw new Error("the used-codes body is already finished");
    this.#finished = true;
    const rest: Omit<UsedCodesResponse, "codes"> = {
      fetchedAt: fetchedAt.toISOString(),
      source: meta.source,
      region: meta.region,
      stale: false,
    };
    const tail = JSON.stringify(rest);
    if (!tail.endsWith(FRESH_TAIL)) throw new Error("the used-codes response must end with its stale flag");
    this.#push(Buffer.from(`],${tail.slice(1)}`));
    const body = Buffer.concat(this.#parts, this.#bytes);
    this.#parts.length = 0;
    this.#chunk = Buffer.alloc(0);
    return body;
  }

  /** `text` as UTF-8, in the current chunk or, when it might not fit, a new one. */
  #encode(text: string): Buffer {
    const atMost = text.length * MAX_UTF8_BYTES_PER_UNIT;
    if (this.#chunk.length - this.#used < atMost) {
      this.#chunk = Buffer.allocUnsafe(Math.max(this.#chunkBytes, atMost));
      this.#used = 0;
    }
    const start = this.#used;
    this.#used += this.#chunk.write(text, start);
    return this.#chunk.subarray(start, this.#used);
  }

  #push(bytes: Buffer): void {
    this.#parts.push(bytes);
    this.#bytes += bytes.length;
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
