import type { FastifyServerOptions } from "fastify";
import type { Config } from "./config.js";

/**
 * Pino options. The key lives in a Secret that prints as "[redacted]", and the client never
 * logs headers; these paths are the second line of defence for anything that logs a request's
 * or response's headers, at every level.
 */
export const REDACTED_PATHS = [
  'req.headers["x-dc-devkey"]',
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  'headers["x-dc-devkey"]',
  "headers.authorization",
  "headers.cookie",
  '*.headers["x-dc-devkey"]',
  "*.headers.authorization",
  "*.headers.cookie",
];

export function loggerOptions(
  config: Pick<Config, "logLevel">,
  stream?: NodeJS.WritableStream,
): NonNullable<FastifyServerOptions["logger"]> {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    ...(stream ? { stream } : {}),
  };
}
