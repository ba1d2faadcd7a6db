import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { promisify } from "node:util";
import { createGzip, type Gzip, gzip } from "node:zlib";
import type { UsedCode } from "@voucher-desk/digicert";
import {
  buildIndex,
  USED_CODE_LINES_HEAD,
  USED_CODE_LINES_TYPE,
  type UsedCodeIndex,
  type UsedCodesResponse,
  usedCodeLinesGroup,
  usedCodeLinesTail,
} from "@voucher-desk/vouchers";

const gzipAsync = promisify(gzip);

/**
 * Measured on 100,000 codes (62.5 MB of JSON, 2 cores): level 4 takes 290 ms for 7.3 MB, the
 * default 6 takes 490 ms for 6.6 MB, level 1 280 ms for 8.1 MB. Done at most once per answer,
 * on libuv's thread pool, not the event loop.
 */
const GZIP_LEVEL = 4;

/**
 * Codes serialized per turn of the event loop. One `JSON.stringify` of 100,000 codes holds the
 * loop for ~600 ms, stalling every other request during a background refresh. A page walk
 * hands over 1,000 at a time anyway; a list that arrives whole (no paging) is cut into slices.
 * During a 100-page refresh the longest event-loop pause measured was ~30 ms.
 */
const CODES_PER_SLICE = 2_000;

/**
 * Codes per `JSON.stringify` call within a slice. A string of 100 codes (~60,000 characters,
 * twice that in bytes when a name needs UTF-16) stays under V8's large-object size and dies
 * young; one of 1,000 lands in large-object space and waits for a full collection. Measured on
 * 100,000 codes: serializing and encoding took ~20% less in groups of 100 than of 1,000
 * (50: no better; 200 and up: as slow as 1,000).
 */
const CODES_PER_STRINGIFY = 100;

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

/**
 * How an answer lays the list out. `json` is the documented `{"codes":[…],…}`, for scripts and
 * any client; `lines` is the dashboard's own form, rows as arrays a line per group, which the
 * browser parses while it arrives (decision 014). The BFF picks one by the request's `Accept`.
 */
export interface ListFormat {
  readonly contentType: string;
  readonly opening: string;
  /** One group of codes. */
  group(codes: readonly UsedCode[]): string;
  /**
   * The group is a JSON array ("[a,b]") whose items continue the list's one array: the writer
   * turns its "[" into the comma after the last item and leaves its "]" to be overwritten.
   */
  readonly continuesArray: boolean;
  /** The rest of the answer after `count` codes; `rest` is the answer's other fields as JSON. */
  closing(count: number, rest: string): string;
}

export const LIST_FORMATS = {
  json: {
    contentType: "application/json; charset=utf-8",
    opening: '{"codes":',
    group: (codes) => JSON.stringify(codes),
    continuesArray: true,
    // The first group's own "[" opens the array, so a list without codes opens it here.
    closing: (count, rest) => `${count === 0 ? "[" : ""}],${rest.slice(1)}`,
  },
  lines: {
    contentType: `${USED_CODE_LINES_TYPE}; charset=utf-8`,
    opening: USED_CODE_LINES_HEAD,
    group: usedCodeLinesGroup,
    continuesArray: false,
    closing: usedCodeLinesTail,
  },
} as const satisfies Record<string, ListFormat>;

export type ListFormatName = keyof typeof LIST_FORMATS;

/**
 * The bytes of one `/api/used-codes` answer in one format, plain and gzipped. The gzip is made
 * while the answer is written when the client that started the fill takes gzip, else on the
 * first request that asks for it (a plain client's answer is not held up by ~0.3 s of
 * compression competing for the same two cores), then kept.
 */
export interface EncodedBody {
  readonly format: ListFormatName;
  readonly bytes: Buffer;
  gzip(): Promise<Buffer>;
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
 * One fetched list, with everything derived from it built at most once: the response bytes in
 * each format asked for (serializing 100,000 codes per request would stall every other
 * request), their gzip, and the query index for CSV reports. The format the fill was for is
 * written while pages arrive; another is written the first time a request asks for it.
 * `stale` is the last key, so a stale variant is the fresh bytes with another tail instead of a
 * second serialization.
 */
export class UsedCodesSnapshot {
  readonly #fresh = new Map<ListFormatName, Promise<EncodedBody>>();
  readonly #stale = new Map<ListFormatName, Promise<EncodedBody>>();
  #index: UsedCodeIndex | undefined;
  /** Insertion order is recency order: a hit moves its report to the end. */
  readonly #reports = new Map<string, EncodedReport>();
  #reportBytes = 0;
  readonly #reportCacheBytes: number;

  private constructor(
    readonly codes: readonly UsedCode[],
    readonly meta: SnapshotMeta,
    readonly fetchedAt: Date,
    fresh: EncodedBody,
    options: SnapshotOptions,
  ) {
    this.#fresh.set(fresh.format, Promise.resolve(fresh));
    this.#reportCacheBytes = options.reportCacheBytes ?? REPORT_CACHE_BYTES;
  }

  /** Serializes the answer up front, a slice at a time, so the snapshot is ready to send. */
  static async create(
    codes: readonly UsedCode[],
    meta: SnapshotMeta,
    fetchedAt: Date,
    options: SnapshotOptions & { format?: ListFormatName } = {},
  ): Promise<UsedCodesSnapshot> {
    const body = new UsedCodesBodyWriter({ format: options.format });
    await body.add(codes);
    return UsedCodesSnapshot.complete(codes, body, meta, fetchedAt, options);
  }

  /**
   * The snapshot of `codes`, whose `body` was written while they arrived (a page walk hands
   * each page to `body.add`), so only the closing bytes are left to write.
   */
  static complete(
    codes: readonly UsedCode[],
    body: UsedCodesBodyWriter,
    meta: SnapshotMeta,
    fetchedAt: Date,
    options: SnapshotOptions = {},
  ): UsedCodesSnapshot {
    if (body.count !== codes.length) {
      body.discard();
      throw new Error(`the written body holds ${body.count} codes, the snapshot ${codes.length}`);
    }
    return new UsedCodesSnapshot(codes, meta, fetchedAt, body.finish(meta, fetchedAt), options);
  }

  /** The answer in `format`, written on the first call for a format the fill did not write. */
  body(stale: boolean, format: ListFormatName = "json"): Promise<EncodedBody> {
    const bodies = stale ? this.#stale : this.#fresh;
    let body = bodies.get(format);
    if (!body) {
      body = stale ? this.body(false, format).then(staleVariant) : this.#write(format);
      bodies.set(format, body);
      // A failed write is not kept: the next request tries again.
      body.catch(() => bodies.delete(format));
    }
    return body;
  }

  /** The size of the answer in `format` if it was written, for sizing the next fill's. */
  async writtenBytes(format: ListFormatName): Promise<number> {
    const body = this.#fresh.get(format);
    return body ? (await body).bytes.length : 0;
  }

  async #write(format: ListFormatName): Promise<EncodedBody> {
    const body = new UsedCodesBodyWriter({ format });
    try {
      await body.add(this.codes);
    } catch (error) {
      body.discard();
      throw error;
    }
    return body.finish(this.meta, this.fetchedAt);
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
    const csv = Buffer.from(write());
    const report: EncodedReport = { csv, gzip: gzipOnDemand(csv) };
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

const COMMA = ",".charCodeAt(0);
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2). */
const MAX_UTF8_BYTES_PER_UNIT = 3;
/** Bytes written into one allocation before the next. */
const CHUNK_BYTES = 16 * 2 ** 20;
/** An answer written in one chunk keeps it if at most this share of it is left unused. */
const MAX_UNUSED_SHARE = 1 / 8;

/** The same answer with `"stale":true`: the flag is the last key, so only the tail changes. */
function staleVariant(fresh: EncodedBody): EncodedBody {
  const at = fresh.bytes.lastIndexOf(FRESH_TAIL);
  if (at < 0) throw new Error("the used-codes answer must end with its stale flag");
  const after = fresh.bytes.subarray(at + Buffer.byteLength(FRESH_TAIL));
  const bytes = Buffer.concat([fresh.bytes.subarray(0, at), Buffer.from(STALE_TAIL), after]);
  return { format: fresh.format, bytes, gzip: gzipOnDemand(bytes) };
}

/**
 * The `/api/used-codes` answer, written as codes arrive: each batch is serialized once, so the
 * answer is ready as soon as the last page is in (writing the whole list at the end added
 * ~0.7 s to every 100,000-code fill). Groups of codes are serialized and encoded straight
 * into large chunks, back to back. An answer that fits its first chunk is that chunk (sized
 * by `expectedBytes`, a refresh writes 62.5 MB without copying them again at the end, ~50 ms);
 * otherwise the chunks are copied into the answer once.
 */
export class UsedCodesBodyWriter {
  readonly #parts: Buffer[] = [];
  #bytes = 0;
  #chunk = Buffer.alloc(0);
  #used = 0;
  /** Where the bytes of the current chunk not yet in `#parts` start. */
  #runStart = 0;
  /** Chunks allocated so far. */
  #chunks = 0;
  #count = 0;
  #finished = false;
  readonly #formatName: ListFormatName;
  readonly #format: ListFormat;
  readonly #chunkBytes: number;
  #nextChunkBytes: number;
  /** Set when the gzip is made while writing: the compressor, fed every byte as it is written. */
  readonly #compressor: Gzip | undefined;
  readonly #compressed: Promise<Buffer> | undefined;

  /**
   * `format`: which answer to write (JSON by default). `gzipWhileWriting`: compress on libuv's
   * thread pool while pages arrive, for a fill whose client takes gzip. `expectedBytes`: about
   * how large the answer will be (the last one's size), for the first chunk. `chunkBytes`: the
   * size of other chunks (tests make it small).
   */
  constructor({
    format = "json",
    gzipWhileWriting = false,
    expectedBytes = 0,
    chunkBytes = CHUNK_BYTES,
  }: {
    format?: ListFormatName | undefined;
    gzipWhileWriting?: boolean;
    expectedBytes?: number;
    chunkBytes?: number;
  } = {}) {
    this.#formatName = format;
    this.#format = LIST_FORMATS[format];
    this.#chunkBytes = chunkBytes;
    this.#nextChunkBytes = Math.max(chunkBytes, expectedBytes);
    if (gzipWhileWriting) {
      const compressor = createGzip({ level: GZIP_LEVEL, chunkSize: 64 * 1024 });
      this.#compressor = compressor;
      this.#compressed = collect(compressor);
      // Discarded or never asked for, a failure must not become an unhandled rejection.
      this.#compressed.catch(() => {});
    }
    this.#write(this.#format.opening);
  }

  /** Codes written so far. */
  get count(): number {
    return this.#count;
  }

  /** Appends `codes` to the list, yielding to the event loop between slices of a long batch. */
  async add(codes: readonly UsedCode[]): Promise<void> {
    if (this.#finished) throw new Error("the used-codes body is already finished");
    for (let start = 0; start < codes.length; start += CODES_PER_STRINGIFY) {
      if (start > 0 && start % CODES_PER_SLICE === 0) await yieldToEventLoop();
      const group = codes.slice(start, start + CODES_PER_STRINGIFY);
      const text = this.#format.group(group);
      if (this.#format.continuesArray) this.#appendItems(text);
      else this.#write(text);
      this.#count += group.length;
    }
    this.#flush();
  }

  /** Closes the list with the rest of the answer and returns its bytes, plain and gzipped. */
  finish(meta: SnapshotMeta, fetchedAt: Date): EncodedBody {
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
    this.#write(this.#format.closing(this.#count, tail));
    this.#flush();
    const bytes =
      this.#chunks === 1 && this.#chunk.length - this.#used <= this.#used * MAX_UNUSED_SHARE
        ? this.#chunk.subarray(0, this.#used)
        : Buffer.concat(this.#parts, this.#bytes);
    this.#compressor?.end();
    this.#release();
    return { format: this.#formatName, bytes, gzip: gzipOnDemand(bytes, this.#compressed) };
  }

  /** The walk failed: nothing written is needed, and the compressor is closed. */
  discard(): void {
    this.#finished = true;
    this.#compressor?.destroy(new Error("the used-codes body was discarded"));
    this.#release();
  }

  #release(): void {
    this.#parts.length = 0;
    this.#chunk = Buffer.alloc(0);
    this.#used = 0;
    this.#runStart = 0;
  }

  /**
   * Writes the items of the JSON array `array` ("[a,b]") after those already written: its "["
   * opens the list or becomes the comma after the last item, and its "]" is overwritten by the
   * next group (or left out of the answer), so a chunk holds one unbroken run of items.
   */
  #appendItems(array: string): void {
    const at = this.#write(array);
    if (this.#count > 0) this.#chunk[at] = COMMA;
    this.#used--;
  }

  /** Writes `text` as UTF-8 in the current chunk or, when it might not fit, a new one; returns where. */
  #write(text: string): number {
    const room = this.#chunk.length - this.#used;
    // Counting the exact bytes is one more pass over the text: only near a chunk's end.
    const bytes = room >= text.length * MAX_UTF8_BYTES_PER_UNIT ? 0 : Buffer.byteLength(text);
    if (room < bytes) {
      this.#flush();
      this.#chunk = Buffer.allocUnsafe(Math.max(this.#nextChunkBytes, bytes));
      this.#chunks++;
      this.#nextChunkBytes = this.#chunkBytes;
      this.#used = 0;
      this.#runStart = 0;
    }
    const at = this.#used;
    this.#used += this.#chunk.write(text, at);
    return at;
  }

  /** Moves the current chunk's new bytes into the answer. */
  #flush(): void {
    if (this.#used === this.#runStart) return;
    this.#push(this.#chunk.subarray(this.#runStart, this.#used));
    this.#runStart = this.#used;
  }

  #push(bytes: Buffer): void {
    this.#parts.push(bytes);
    this.#bytes += bytes.length;
    this.#compressor?.write(bytes);
  }
}

/**
 * The gzip of `bytes`, made on the first call (or the one `ready` brings) and kept. A failed
 * gzip is not kept: the next request tries again.
 */
function gzipOnDemand(bytes: Buffer, ready?: Promise<Buffer>): () => Promise<Buffer> {
  let compressed = ready;
  compressed?.catch(() => {
    compressed = undefined;
  });
  return () => {
    if (compressed) return compressed;
    const attempt = gzipAsync(bytes, { level: GZIP_LEVEL });
    compressed = attempt;
    attempt.catch(() => {
      compressed = undefined;
    });
    return attempt;
  };
}

/** Everything `stream` puts out, once it ends. */
function collect(stream: Gzip): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}
