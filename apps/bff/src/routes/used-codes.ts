import {
  CSV_CONTENT_TYPE,
  exportFileName,
  FIELDS,
  parseView,
  queryUsedCodes,
  serializeView,
  USED_CODE_LINES_TYPE,
  usedCodesResponseSchema,
  VIEW_PARAMS,
  writeCsv,
} from "@voucher-desk/vouchers";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { HttpError } from "../errors.js";
import type { Services } from "../services/services.js";
import type { ReadOptions, ServedList } from "../services/used-codes-cache.js";
import { LIST_FORMATS } from "../services/used-codes-snapshot.js";
import { errorResponses, UPSTREAM_ERROR_STATUSES } from "./schemas.js";

/** A view parameter may repeat (multi-value filters), so it is a string or a list of them. */
const viewParam = z.union([z.string(), z.array(z.string())]).optional();

/**
 * The CSV route's query string: the dashboard URL's view state, plus `bom`. Listed here so the
 * OpenAPI document names every parameter; the view itself is read by the domain's parseView
 * from the raw query string, so order and encoding are exactly what the caller sent.
 */
const csvQuerySchema = z.looseObject({
  [VIEW_PARAMS.q]: viewParam.describe("Global search across the searchable columns, case-insensitive."),
  [VIEW_PARAMS.sort]: viewParam.describe('Comma list of column keys; "-" before a key sorts descending.'),
  [VIEW_PARAMS.columns]: viewParam.describe("Comma list of column keys to export, in order."),
  ...Object.fromEntries(
    FIELDS.map((field) => [field.urlKey, viewParam.describe(`${field.label} filter (${field.filter}).`)]),
  ),
  bom: z
    .enum(["0", "1"], { error: 'must be "0" (no byte order mark) or "1"' })
    .optional()
    .describe("1 (default): start with a UTF-8 byte order mark so Excel reads accents and CJK. 0: none."),
});

const REFRESH_PER_MINUTE = 6;

/** `/api/used-codes` (JSON), its forced refresh, and `/api/used-codes.csv` (a view as a report). */
export const usedCodesRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const listResponses = {
    200: usedCodesResponseSchema.describe(
      `application/json by default. With \`Accept: ${USED_CODE_LINES_TYPE}\`, the dashboard's own form of the same answer: a line naming the fields, lines of rows as arrays, a last line with the count and the other fields (may change with the dashboard; scripts should use JSON).`,
    ),
    ...errorResponses(...UPSTREAM_ERROR_STATUSES),
  };

  app.get(
    "/used-codes",
    {
      compress: false,
      schema: {
        summary:
          "Every used voucher code, normalized. Served from the server's cache; stale while it refreshes.",
        response: listResponses,
      },
    },
    async (request, reply) => sendList(request, reply, await services.usedCodes.get(readOptions(request))),
  );

  app.post(
    "/used-codes/refresh",
    {
      compress: false,
      config: { rateLimit: { max: REFRESH_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        summary:
          "Refetch the list from DigiCert now, and answer like GET. A list fetched moments ago is returned as it is.",
        response: listResponses,
      },
    },
    async (request, reply) =>
      sendList(request, reply, await services.usedCodes.refresh(readOptions(request))),
  );

  app.get(
    "/used-codes.csv",
    {
      // The report's gzip is kept with it, so compressing per request would only redo that work.
      compress: false,
      schema: {
        summary:
          "A dashboard view as a CSV report: same query string as the dashboard URL, same bytes as its export.",
        querystring: csvQuerySchema,
        response: {
          200: z.string().describe("text/csv; charset=utf-8, RFC 4180, CRLF"),
          ...errorResponses(400, ...UPSTREAM_ERROR_STATUSES),
        },
      },
    },
    async (request, reply) => {
      const queryStart = request.url.indexOf("?");
      const rawQuery = queryStart < 0 ? "" : request.url.slice(queryStart + 1);
      const { view, problems } = parseView(new URLSearchParams(rawQuery), { allowExtra: ["bom"] });
      // A script is better served by a clear refusal than by a report of a different view.
      if (problems.length > 0) {
        throw new HttpError(
          400,
          "bad_request",
          `The CSV report was not made: ${problems.map((p) => p.message).join("; ")}.`,
        );
      }
      const { snapshot, stale } = await services.usedCodes.get();
      const bom = request.query.bom !== "0";
      // serializeView is canonical: two spellings of one view share one report.
      const report = snapshot.report(`${serializeView(view)}#bom=${bom}`, () =>
        writeCsv(queryUsedCodes(snapshot.index(), view), view.columns, { bom }),
      );
      const fileName = exportFileName(view, new Date(services.clock.now()));
      reply
        .header("cache-control", "no-store")
        .header("content-disposition", contentDisposition(fileName))
        .header("last-modified", snapshot.fetchedAt.toUTCString())
        .header("x-data-stale", String(stale))
        .type(CSV_CONTENT_TYPE);
      return sendBytes(request, reply, report.csv, report.gzip);
    },
  );
};

/** What the list's reader takes: the dashboard's lines when `Accept` names them, else JSON. */
function readOptions(request: FastifyRequest): Required<ReadOptions> {
  return {
    gzip: takesGzip(request),
    format: acceptsToken(request.headers.accept, [USED_CODE_LINES_TYPE]) ? "lines" : "json",
  };
}

/** Sends the list's prebuilt bytes: gzipped when the client accepts it, never re-serialized. */
async function sendList(
  request: FastifyRequest,
  reply: FastifyReply,
  served: ServedList,
): Promise<FastifyReply> {
  const body = await served.snapshot.body(served.stale, readOptions(request).format);
  reply
    .header("cache-control", "no-store")
    .header("last-modified", served.snapshot.fetchedAt.toUTCString())
    .header("vary", "accept")
    .type(LIST_FORMATS[body.format].contentType);
  return sendBytes(request, reply, body.bytes, body.gzip);
}

/** Sends prebuilt bytes, or their prebuilt gzip when the client accepts it. */
async function sendBytes(
  request: FastifyRequest,
  reply: FastifyReply,
  plain: Buffer,
  gzipped: () => Promise<Buffer>,
): Promise<FastifyReply> {
  const vary = reply.getHeader("vary");
  reply.header("vary", vary ? `${String(vary)}, accept-encoding` : "accept-encoding");
  if (takesGzip(request)) {
    return reply.header("content-encoding", "gzip").send(await gzipped());
  }
  return reply.send(plain);
}

const takesGzip = (request: FastifyRequest) => acceptsGzip(request.headers["accept-encoding"]);

/** True when `Accept-Encoding` lists gzip (or `*`) without `q=0`. */
export function acceptsGzip(header: string | undefined): boolean {
  return acceptsToken(header, ["gzip", "*"]);
}

/** True when a comma list such as `Accept` or `Accept-Encoding` names one of `tokens` without `q=0`. */
export function acceptsToken(header: string | undefined, tokens: readonly string[]): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [name = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (!tokens.includes(name)) return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** `attachment` with an ASCII fallback name and, when needed, the exact UTF-8 name (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (ascii === fileName) return `attachment; filename="${fileName}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
