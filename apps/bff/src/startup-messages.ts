import type { UpstreamConfig } from "./config.js";

/**
 * What the server process says to the person who started it, besides its JSON logs.
 */

/** Warnings that come from a dependency's choice, not from anything the person can fix. */
const KNOWN_HARMLESS_WARNINGS: readonly ((warning: Error) => boolean)[] = [
  // undici marks its decompress interceptor experimental; the client relies on it on purpose
  // (tested with gzip and deflate), and the warning at every start read like a fault.
  (warning) =>
    warning.name === "ExperimentalWarning" &&
    warning.message.startsWith("DecompressInterceptor is experimental"),
];

/**
 * Drops the known harmless warnings and hands every other one to the listeners that were there
 * (Node's own printer among them), so they print exactly as before. Done in the process itself
 * rather than with a `--disable-warning` flag, so every way of starting the server is covered
 * (npm start, the e2e and bench launchers, a bare `node dist/server.js`) and other experimental
 * warnings still show.
 */
export function hideHarmlessWarnings(source: NodeJS.EventEmitter = process): void {
  const printers = source.listeners("warning") as ((warning: Error) => void)[];
  source.removeAllListeners("warning");
  source.on("warning", (warning: Error) => {
    if (KNOWN_HARMLESS_WARNINGS.some((isHarmless) => isHarmless(warning))) return;
    for (const print of printers) print(warning);
  });
}

/** The one human line once the server listens: where to open it, and whose data it shows. */
export function runningMessage(address: string, upstream: UpstreamConfig): string {
  const data =
    upstream.kind === "demo"
      ? "demo data — set DIGICERT_API_KEY for your account"
      : upstream.region === null
        ? `DigiCert at ${upstream.baseUrl}`
        : `DigiCert ${upstream.region.toUpperCase()} account`;
  return `Voucher Desk is running at ${address} (${data})`;
}
