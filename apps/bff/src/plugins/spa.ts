import { existsSync } from "node:fs";
import { join, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { errorBody } from "../errors.js";

/** Vite names files under assets/ by content hash: a changed file gets a new name. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Everything else (index.html above all) is revalidated, so a deploy is seen at once. */
const REVALIDATE = "no-cache";

const NOT_BUILT =
  "The Voucher Desk dashboard is not built yet. Run `pnpm start` from the repository root (it builds what is " +
  "missing), or `pnpm --filter @voucher-desk/web build`, then reload. The API is up at /api.";

function isApi(url: string): boolean {
  return url === "/api" || url.startsWith("/api/") || url.startsWith("/api?");
}

/** Empty, `.` or `..` segments, or an encoded slash: no route is spelled so; refused, not guessed at. */
function isNonCanonical(url: string): boolean {
  const segments = (url.split("?")[0] ?? "").split("/").slice(1);
  return segments.some((segment, i) => {
    const dots = segment.replace(/%2e/gi, ".");
    const empty = segment === "" && i < segments.length - 1;
    return empty || dots === "." || dots === ".." || /%2f|%5c/i.test(segment);
  });
}

/** A path whose last segment has no dot is a client-side route, not a missing file. */
function isAppRoute(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = request.url.split("?")[0] ?? "";
  return !(path.split("/").pop() ?? "").includes(".");
}

/**
 * Serves the built SPA from `webDist` with its caching rules, falls back to index.html for
 * client-side routes (deep links such as /orders/123), and answers unknown /api paths with
 * our JSON 404. Without a build it explains how to make one instead of failing to start.
 */
export async function registerSpa(app: FastifyInstance, webDist: string): Promise<void> {
  const built = existsSync(join(webDist, "index.html"));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDist,
      // One route per file present at start instead of a catch-all: any other path, /api ones
      // above all, reaches the not-found handler below and its rules.
      wildcard: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        const immutable = path.startsWith(join(webDist, "assets") + sep);
        reply.header("cache-control", immutable ? IMMUTABLE : REVALIDATE);
      },
    });
  } else {
    app.log.warn({ webDist }, "the dashboard is not built; serving a notice instead");
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (isApi(request.url)) {
      reply.header("cache-control", "no-store");
      if (isNonCanonical(request.url)) {
        return reply
          .code(400)
          .send(errorBody("bad_request", "The path has empty or dot segments; send its plain form."));
      }
      return reply.code(404).send(errorBody("not_found", "No such API endpoint."));
    }
    if (!isAppRoute(request)) return reply.code(404).type("text/plain; charset=utf-8").send("Not found.");
    if (!built) return reply.code(503).type("text/plain; charset=utf-8").send(NOT_BUILT);
    return reply.sendFile("index.html");
  });
}
