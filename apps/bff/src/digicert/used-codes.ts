import { DigicertPayloadError, readUsedCodesResponse, type UsedCode } from "@voucher-desk/digicert";
import type { FastifyBaseLogger } from "fastify";
import type { DigicertClient } from "./client.js";
import { UpstreamError } from "./upstream-error.js";

/** DigiCert's maximum page size: the fewest calls against the budget. */
export const PAGE_SIZE = 1000;
/**
 * `id` is unique, so offset paging over it neither repeats nor skips rows even when thousands
 * of codes share one `created_date` (bulk orders).
 */
export const PAGE_SORT = "id";
/** A hard stop for an upstream whose `page.total` keeps growing or lies: 5 million codes. */
const MAX_PAGES = 5_000;
/**
 * Upstream calls open at once during a walk. While the BFF receives, parses, normalizes and
 * serializes one page, upstream prepares the next, so a walk costs about the slower side
 * instead of the sum of both (docs/decisions/013: 100 pages from the simulator took ~1.5 s
 * with 2 open, ~2.3 s with 1 asked ahead, 3 gained nothing). Every call draws on the budget.
 */
export const PAGES_IN_FLIGHT = 2;

/** What the walk needs of the client: one page at a time. */
export type UsedCodesSource = Pick<DigicertClient, "listUsedCodes">;

export interface WalkOptions {
  /**
   * Gets each page's codes not seen on an earlier page (the same rows, in the same order, as
   * `codes` ends with), before the walk reads the next page. A rejection fails the walk.
   */
  onNewCodes?: (codes: readonly UsedCode[]) => void | Promise<void>;
  /** Upstream calls open at once, at least 1 (default PAGES_IN_FLIGHT). */
  pagesInFlight?: number;
}

export interface UsedCodesWalk {
  codes: UsedCode[];
  /** Pages read. */
  pages: number;
  /**
   * Pages asked for ahead and then not read, because an earlier page came back short or
   * `page.total` shrank: upstream calls spent for nothing (0 when upstream pages as it says).
   */
  unread: number;
}

/** A page asked for before the walk got to it. */
interface PageAhead {
  offset: number;
  body: Promise<unknown>;
}

/**
 * Every used code, page by page: `limit=1000`, offset until `page.total` is reached or a page
 * comes back short (or empty). A response without a `page` object is the whole list. Rows are
 * deduplicated by `id` (the first copy wins) and a count that differs from `page.total` is
 * logged, since it means the list changed under us or upstream paging is off.
 *
 * Pages are read strictly in offset order, but up to `pagesInFlight` are asked for at once.
 * The first page goes alone (its `page.total` says whether there is more); later pages are
 * asked for only below the last known total, at the offset they would have if every page
 * before them came back full. A page is used only if its offset is the one the walk reached;
 * otherwise it and those after it are dropped and asked for again at the right offsets, so
 * the result is exactly that of reading one page at a time.
 */
export async function walkUsedCodes(
  client: UsedCodesSource,
  logger: FastifyBaseLogger,
  { onNewCodes, pagesInFlight = PAGES_IN_FLIGHT }: WalkOptions = {},
): Promise<UsedCodesWalk> {
  if (!Number.isInteger(pagesInFlight) || pagesInFlight < 1)
    throw new RangeError("pagesInFlight must be an integer >= 1");
  const codes: UsedCode[] = [];
  const seen = new Set<number>();
  const ahead: PageAhead[] = [];
  let total: number | null = null;
  let offset = 0;
  let pages = 0;
  let unread = 0;
  let rejected = 0;
  let fieldIssues = 0;
  let duplicates = 0;

  const ask = (at: number) => {
    const body = client.listUsedCodes({ limit: PAGE_SIZE, offset: at, sort: PAGE_SORT });
    // A page asked for ahead may never be read (the walk ended or failed before it): its
    // failure then belongs to nobody and must not become an unhandled rejection.
    body.catch(() => {});
    ahead.push({ offset: at, body });
  };
  const dropAhead = () => {
    unread += ahead.length;
    return ahead.splice(0);
  };

  ask(0);
  try {
    while (pages < MAX_PAGES) {
      const next = ahead.shift();
      if (next === undefined) break;
      const page = readPage(await next.body);
      pages++;

      let last = page.page === null;
      if (page.page !== null) {
        total = page.page.total;
        offset += page.received;
        // Upstream may cap the page below what we asked; a page shorter than that cap is the last.
        const pageLimit =
          page.page.limit && page.page.limit > 0 ? Math.min(PAGE_SIZE, page.page.limit) : PAGE_SIZE;
        last = page.received === 0 || page.received < pageLimit || offset >= total;
        if (!last) {
          // Ask for what comes next before the slow part (dedupe, the sink), so upstream works meanwhile.
          if (ahead[0] !== undefined && ahead[0].offset !== offset) {
            // Pages came back shorter than asked: those ahead sit at the wrong offsets. Let them
            // finish first, so no more than `pagesInFlight` calls are ever open.
            const wrong = dropAhead();
            await Promise.allSettled(wrong.map((page) => page.body));
          }
          let at = ahead.length > 0 ? (ahead.at(-1) as PageAhead).offset + pageLimit : offset;
          while (ahead.length < pagesInFlight && at < total && pages + ahead.length < MAX_PAGES) {
            ask(at);
            at += pageLimit;
          }
        }
      }

      const before = codes.length;
      for (const code of page.codes) {
        if (seen.has(code.id)) duplicates++;
        else {
          seen.add(code.id);
          codes.push(code);
        }
      }
      rejected += page.rejected.length;
      fieldIssues += page.fieldIssues.length;
      if (page.rejected.length > 0) {
        logger.warn(
          { offset, rejected: page.rejected.slice(0, 5) },
          "left out used-code rows that cannot be read",
        );
      }
      if (onNewCodes && codes.length > before) await onNewCodes(codes.slice(before));
      if (last) break;
    }
  } finally {
    // Left running when the walk ends early (a failure, a shrunk total); nobody reads them.
    dropAhead();
  }
  if (pages >= MAX_PAGES)
    logger.error({ pages, offset }, "stopped walking used-code pages at the page limit");

  if (total !== null && codes.length + rejected !== total) {
    logger.warn(
      { total, unique: codes.length, rejected, duplicates },
      "used-code count differs from DigiCert's page.total; the list may have changed while it was read",
    );
  }
  if (fieldIssues > 0)
    logger.warn({ fieldIssues }, "some used-code fields could not be read and were left empty");
  logger.info({ codes: codes.length, pages, unread }, "fetched the used-code list");
  return { codes, pages, unread };
}

function readPage(body: unknown): ReturnType<typeof readUsedCodesResponse> {
  try {
    return readUsedCodesResponse(body);
  } catch (error) {
    if (error instanceof DigicertPayloadError) {
      throw new UpstreamError(
        "bad_response",
        `DigiCert sent an unreadable used-codes list: ${error.message}`,
      );
    }
    throw error;
  }
}
