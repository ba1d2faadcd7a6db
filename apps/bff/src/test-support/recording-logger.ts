import type { FastifyBaseLogger } from "fastify";

/** A logger that keeps the messages of its warnings and drops everything else. */
export function recordingLogger(): FastifyBaseLogger & { warnings: string[] } {
  const warnings: string[] = [];
  const noop = () => {};
  const logger = {
    warnings,
    level: "trace",
    trace: noop,
    debug: noop,
    info: noop,
    error: noop,
    fatal: noop,
    silent: noop,
    warn: (_obj: unknown, message?: string) => warnings.push(message ?? ""),
    child: () => logger,
  };
  return logger as unknown as FastifyBaseLogger & { warnings: string[] };
}
