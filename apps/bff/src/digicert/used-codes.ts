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

export interface UsedCodesWalk {
  codes: UsedCode[];
  /** Upstream calls made (pages read). */
  pages: number;
}

/**
 * Every used code, page by page: `limit=1000`, offset until `page.total` is reached or a page
 * comes back short (or empty). A response without a `page` object is the whole list. Rows are
 * deduplicated by `id` (the first copy wins) and a count that differs from `page.total` is
 * logged, since it means the list changed under us or upstream paging is off.
 */
export async function walkUsedCodes(
  client: DigicertClient,
  logger: FastifyBaseLogger,
): Promise<UsedCodesWalk> {
  const byId = new Map<number, UsedCode>();
  let total: number | null = null;
  let offset = 0;
  let pages = 0;
  let rejected = 0;
  let fieldIssues = 0;
  let duplicates = 0;

  while (pages < MAX_PAGES) {
    const body = await client.listUsedCodes({ limit: PAGE_SIZE, offset, sort: PAGE_SORT });
    pages++;
    let page: ReturnType<typeof readUsedCodesResponse>;
    try {
      page = readUsedCodesResponse(body);
    } catch (error) {
      if (error instanceof DigicertPayloadError) {
        throw new UpstreamError(
          "bad_response",
          `DigiCert sent an unreadable used-codes list: ${error.message}`,
        );
      }
      throw error;
    }
    for (const code of page.codes) {
      if (byId.has(code.id)) duplicates++;
      else byId.set(code.id, code);
    }
    rejected += page.rejected.length;
    fieldIssues += page.fieldIssues.length;
    if (page.rejected.length > 0) {
      logger.warn(
        { offset, rejected: page.rejected.slice(0, 5) },
        "left out used-code rows that cannot be read",
      );
    }

    if (page.page === null) break;
    total = page.page.total;
    offset += page.received;
    // Upstream may cap the page below what we asked; a page shorter than that cap is the last.
    const pageLimit =
      page.page.limit && page.page.limit > 0 ? Math.min(PAGE_SIZE, page.page.limit) : PAGE_SIZE;
    if (page.received === 0 || page.received < pageLimit || offset >= total) break;
  }
  if (pages >= MAX_PAGES)
    logger.error({ pages, offset }, "stopped walking used-code pages at the page limit");

  if (total !== null && byId.size + rejected !== total) {
    logger.warn(
      { total, unique: byId.size, rejected, duplicates },
      "used-code count differs from DigiCert's page.total; the list may have changed while it was read",
    );
  }
  if (fieldIssues > 0)
    logger.warn({ fieldIssues }, "some used-code fields could not be read and were left empty");
  logger.info({ codes: byId.size, pages }, "fetched the used-code list");
  return { codes: [...byId.values()], pages };
}
