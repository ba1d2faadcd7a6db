import type { UsedCode } from "@voucher-desk/digicert";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock.js";
import { isUpstreamError } from "../digicert/upstream-error.js";
import { SingleFlight } from "../single-flight.js";
import {
  type ListFormatName,
  type SnapshotMeta,
  UsedCodesBodyWriter,
  UsedCodesSnapshot,
} from "./used-codes-snapshot.js";

export interface UsedCodesCacheOptions {
  /**
   * Fetches the whole list from upstream (the page walk), handing each batch of new codes to
   * `onNewCodes` as it arrives, in list order, and resolving to the list once complete.
   */
  fetchAll: (onNewCodes: (codes: readonly UsedCode[]) => Promise<void>) => Promise<readonly UsedCode[]>;
  meta: SnapshotMeta;
  ttlMs: number;
  /** A forced refresh of a list younger than this returns that list (the budget is shared). */
  refreshMinIntervalMs: number;
  clock: Clock;
  logger: FastifyBaseLogger;
}

export interface ServedList {
  snapshot: UsedCodesSnapshot;
  /** Past its TTL (a refresh is running or failed), or a forced refresh could not get newer data. */
  stale: boolean;
}

/** What the reader will take. */
export interface ReadOptions {
  /**
   * The reader accepts gzip: a fill it starts compresses while pages arrive, so the gzip is
   * ready with the list. Otherwise the gzip waits for the first request that asks for it.
   */
  gzip?: boolean;
  /** The answer's format the reader asked for: a fill it starts writes that one while pages arrive. */
  format?: ListFormatName;
}

/** After a failed background refresh, wait this long before the next one (upstream is struggling). */
const BACKGROUND_RETRY_MS = 10_000;

/**
 * The used-code list, cached in process with a TTL. A cold cache fetches once however many
 * requests wait (single-flight); a list past its TTL is served at once, marked stale, while
 * one background refresh runs. A Redis-backed cache for several replicas would replace this
 * class behind the same two methods (DESIGN.md §4).
 */
export class UsedCodesCache {
  readonly #options: UsedCodesCacheOptions;
  readonly #fill = new SingleFlight<UsedCodesSnapshot>();
  #snapshot: UsedCodesSnapshot | undefined;
  #nextBackgroundAt = 0;

  constructor(options: UsedCodesCacheOptions) {
    this.#options = options;
  }

  /** The list for a reader: cached if there is one (stale past its TTL), else fetched now. */
  async get(reader: ReadOptions = {}): Promise<ServedList> {
    const snapshot = this.#snapshot;
    if (!snapshot) return { snapshot: await this.#refill(reader), stale: false };
    if (!this.#isPastTtl(snapshot)) return { snapshot, stale: false };
    this.#refreshInBackground(reader);
    return { snapshot, stale: true };
  }

  /**
   * A refetch the user asked for. A list younger than the minimum interval is returned as it
   * is, and a refresh already running is joined, so clicking cannot drain the budget. When
   * upstream is rate-limiting and a list exists, that list is returned marked stale.
   */
  async refresh(reader: ReadOptions = {}): Promise<ServedList> {
    const snapshot = this.#snapshot;
    if (snapshot && !this.#fill.has("list") && this.#age(snapshot) < this.#options.refreshMinIntervalMs) {
      return { snapshot, stale: false };
    }
    try {
      return { snapshot: await this.#refill(reader), stale: false };
    } catch (error) {
      if (snapshot && isUpstreamError(error) && error.kind === "rate_limited")
        return { snapshot, stale: true };
      throw error;
    }
  }

  /** The current list without fetching (readiness, tests). */
  peek(): UsedCodesSnapshot | undefined {
    return this.#snapshot;
  }

  /**
   * One fill at a time; joiners get its snapshot, whichever format and `gzip` the first caller
   * chose (a snapshot writes another format on the first request for it).
   */
  #refill({ gzip = false, format = "json" }: ReadOptions): Promise<UsedCodesSnapshot> {
    return this.#fill.run("list", async () => {
      // The answer is written while pages arrive: the list is ready to send once the last is in.
      // Lists change slowly: sized like the last answer plus a little, the next is not copied.
      const lastBytes = (await this.#snapshot?.writtenBytes(format)) ?? 0;
      const body = new UsedCodesBodyWriter({
        format,
        gzipWhileWriting: gzip,
        expectedBytes: lastBytes === 0 ? 0 : Math.ceil(lastBytes * 1.02) + 64 * 1024,
      });
      let codes: readonly UsedCode[];
      try {
        codes = await this.#options.fetchAll((fresh) => body.add(fresh));
      } catch (error) {
        body.discard();
        throw error;
      }
      const fetchedAt = new Date(this.#options.clock.now());
      const snapshot = UsedCodesSnapshot.complete(codes, body, this.#options.meta, fetchedAt);
      this.#snapshot = snapshot;
      return snapshot;
    });
  }

  #refreshInBackground(reader: ReadOptions): void {
    const now = this.#options.clock.now();
    if (this.#fill.has("list") || now < this.#nextBackgroundAt) return;
    this.#refill(reader).catch((error: unknown) => {
      const hintMs = isUpstreamError(error) ? (error.details.retryAfterMs ?? 0) : 0;
      this.#nextBackgroundAt = this.#options.clock.now() + Math.max(BACKGROUND_RETRY_MS, hintMs);
      this.#options.logger.warn(
        { err: isUpstreamError(error) ? { kind: error.kind, message: error.message } : error },
        "background refresh of the used-code list failed; serving the cached list",
      );
    });
  }

  #age(snapshot: UsedCodesSnapshot): number {
    return this.#options.clock.now() - snapshot.fetchedAt.getTime();
  }

  #isPastTtl(snapshot: UsedCodesSnapshot): boolean {
    return this.#age(snapshot) >= this.#options.ttlMs;
  }
}
