import { promisify } from "node:util";
import { constants, gzip } from "node:zlib";
import type { UsedCode } from "@voucher-desk/digicert";
import { buildIndex, type UsedCodeIndex, type UsedCodesResponse } from "@voucher-desk/vouchers";

const gzipAsync = promisify(gzip);

/**
 * Measured on 100,000 codes (62.5 MB of JSON, 2 cores): level 4 takes 290 ms for 7.3 MB, the
 * default 6 takes 490 ms for 6.6 MB, level 1 280 ms for 8.1 MB. Done once per cache fill, on
 * libuv's thread pool, not the event loop.
 */
const GZIP_LEVEL = 4;

export interface SnapshotMeta {
  source: UsedCodesResponse["source"];
  region: UsedCodesResponse["region"];
}

/** The bytes of one `/api/used-codes` answer, plain and gzipped. */
export interface EncodedBody {
  json: Buffer;
  gzip: Promise<Buffer>;
}

const FRESH_TAIL = '"stale":false}';
const STALE_TAIL = '"stale":true}';

/**
 * One fetched list, with everything derived from it built at most once: the response bytes
 * (100,000 codes are ~60 MB of JSON; serializing them per request would stall every other
 * request), their gzip, and the query index for CSV reports. `stale` is the last key, so the
 * stale variant is the fresh bytes with a different tail instead of a second serialization.
 */
export class UsedCodesSnapshot {
  readonly fetchedAt: Date;
  #fresh: EncodedBody | undefined;
  #stale: EncodedBody | undefined;
  #index: UsedCodeIndex | undefined;

  constructor(
    readonly codes: readonly UsedCode[],
    readonly meta: SnapshotMeta,
    fetchedAt: Date,
  ) {
    this.fetchedAt = fetchedAt;
  }

  body(stale: boolean): EncodedBody {
    if (!stale) {
      this.#fresh ??= encode(this.#serializeFresh());
      return this.#fresh;
    }
    if (!this.#stale) {
      const fresh = this.body(false).json;
      const head = fresh.subarray(0, fresh.length - Buffer.byteLength(FRESH_TAIL));
      this.#stale = encode(Buffer.concat([head, Buffer.from(STALE_TAIL)]));
    }
    return this.#stale;
  }

  index(): UsedCodeIndex {
    this.#index ??= buildIndex(this.codes);
    return this.#index;
  }

  #serializeFresh(): Buffer {
    const response: UsedCodesResponse = {
      codes: this.codes as UsedCode[],
      fetchedAt: this.fetchedAt.toISOString(),
      source: this.meta.source,
      region: this.meta.region,
      stale: false,
    };
    const json = JSON.stringify(response);
    if (!json.endsWith(FRESH_TAIL)) throw new Error("the used-codes response must end with its stale flag");
    return Buffer.from(json);
  }
}

function encode(json: Buffer): EncodedBody {
  const compressed = gzipAsync(json, { level: GZIP_LEVEL, strategy: constants.Z_DEFAULT_STRATEGY });
  // Nobody may ask for gzip; a failure then must not become an unhandled rejection.
  compressed.catch(() => {});
  return { json, gzip: compressed };
}
