import type { FastifyServerOptions } from "fastify";
import { loadFixture } from "./data/fixture.js";
import { generateUsedCodes } from "./data/generate.js";
import type { ServedRow } from "./data/generated-used-code.js";
import type { CsvLineEnding } from "./query/used-codes-csv.js";
import { buildSimulatorApp, SERVICES_PREFIX } from "./server/app.js";
import type { SimulatorControl } from "./server/control-routes.js";
import type { FaultsInput } from "./server/faults.js";
import { DIGICERT_RATE_LIMITS, type RateLimitWindow } from "./server/rate-limiter.js";

/** The key the simulator accepts when none is given. Public on purpose: it guards nothing. */
export const DEMO_API_KEY = "voucher-desk-demo-key";
export const DEFAULT_CODE_COUNT = 5000;
export const DEFAULT_SEED = "voucher-desk";

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port (read it from `url`). */
  port?: number;
  /** The X-DC-DEVKEY to accept. Default DEMO_API_KEY. */
  key?: string;
  /** Serve exactly these rows. Takes precedence over `fixture` and `count`/`seed`. */
  codes?: readonly ServedRow[];
  /** Serve the rows of this `{"codes":[…]}` file. Takes precedence over `count`/`seed`. */
  fixture?: string;
  /** Generate this many rows (default DEFAULT_CODE_COUNT) from `seed` (default DEFAULT_SEED). */
  count?: number;
  seed?: string | number;
  /** Rolling windows per key. Default DigiCert's 100 per 5 s and 1000 per 3 min; [] = no limit. */
  rateLimits?: readonly RateLimitWindow[];
  /** Faults switched on from the start. */
  faults?: FaultsInput;
  /** Fastify logger option. Default off. Request headers (the key) are never logged by it. */
  logger?: FastifyServerOptions["logger"];
  /** Register /__sim (loopback clients only). Default true; turn off where nobody needs it. */
  controlRoutes?: boolean;
  /** CSV line ending. Default "\n" (see README). */
  csvLineEnding?: CsvLineEnding;
  /** How many requests the recorder keeps. Default 10,000. */
  recordLimit?: number;
  /** The clock for rate windows and order dates. Default Date.now. */
  now?: () => number;
}

export interface RunningSimulator {
  /** Origin, e.g. http://127.0.0.1:4010 */
  url: string;
  /** The Services API root, e.g. http://127.0.0.1:4010/services/v2 */
  baseUrl: string;
  control: SimulatorControl;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const rows =
    options.codes ??
    (options.fixture !== undefined
      ? await loadFixture(options.fixture)
      : generateUsedCodes({
          count: options.count ?? DEFAULT_CODE_COUNT,
          seed: options.seed ?? DEFAULT_SEED,
        }));
  const key = options.key ?? DEMO_API_KEY;
  if (key.trim() === "") throw new RangeError("The simulator's API key must not be blank.");
  const { app, control } = buildSimulatorApp({
    key,
    rows,
    rateLimits: options.rateLimits ?? DIGICERT_RATE_LIMITS,
    faults: options.faults ?? {},
    logger: options.logger ?? false,
    controlRoutes: options.controlRoutes ?? true,
    csvLineEnding: options.csvLineEnding ?? "\n",
    recordLimit: options.recordLimit ?? 10_000,
    now: options.now ?? Date.now,
  });
  const host = options.host ?? "127.0.0.1";
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === "string")
    throw new Error("The simulator did not get a TCP port.");
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  return { url: origin, baseUrl: `${origin}${SERVICES_PREFIX}`, control, close: () => app.close() };
}
