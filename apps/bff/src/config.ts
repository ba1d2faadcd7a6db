import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_CODE_COUNT, DEFAULT_SEED, MAX_GENERATED_CODES } from "@voucher-desk/digicert-sim";
import { z } from "zod";
import { Secret } from "./secret.js";

/**
 * The BFF's configuration, read from the environment once at start. Everything else receives a
 * typed `Config` and never looks at `process.env`. A bad value stops the process with one line
 * naming the variable and what to do; the key's value never appears in that line.
 */

export type Region = "us" | "eu";

export const REGION_BASE_URLS: Record<Region, string> = {
  us: "https://www.digicert.com/services/v2",
  eu: "https://certcentral.digicert.eu/services/v2",
};

/** One rolling window of the outbound budget: at most `limit` requests per `windowMs`. */
export interface BudgetWindow {
  limit: number;
  windowMs: number;
}

/** Where upstream data comes from: a DigiCert account, or the in-process simulator (no key). */
export type UpstreamConfig =
  | { kind: "digicert"; apiKey: Secret; baseUrl: string; region: Region | null }
  | { kind: "demo"; codes: number; seed: string };

export interface ClientConfig {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Attempts per upstream request, the first included (429/503 are retried). */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** A Retry-After longer than this is not waited out: the caller gets 503 right away. */
  maxRetryWaitMs: number;
  /** Kept below DigiCert's per-key limits (100 per 5 s, 1000 per 3 min). */
  budget: BudgetWindow[];
  /** How long a request may wait for budget before it is refused with 503 + Retry-After. */
  budgetMaxWaitMs: number;
}

export interface Config {
  host: string;
  port: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  cacheTtlMs: number;
  /** A forced refresh younger than this returns the list it already has (protects the budget). */
  refreshMinIntervalMs: number;
  /** Inbound requests per client per minute on /api. */
  apiRateLimitPerMinute: number;
  upstream: UpstreamConfig;
  client: ClientConfig;
  /** The built SPA (apps/web/dist). */
  webDist: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

const UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

export const DEFAULT_BUDGET = "80/5s,800/3m";

export const DEFAULT_CLIENT_CONFIG: ClientConfig = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 60_000,
  maxAttempts: 3,
  backoffBaseMs: 500,
  backoffCapMs: 8_000,
  maxRetryWaitMs: 10_000,
  budget: parseBudget(DEFAULT_BUDGET),
  budgetMaxWaitMs: 6_000,
};

/** Resolved from this file, not the working directory: src/ and dist/ both sit in apps/bff. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** `"80/5s,800/3m"` → two rolling windows. */
export function parseBudget(text: string): BudgetWindow[] {
  const windows = text.split(",").map((part) => {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*(ms|s|m|h)\s*$/.exec(part);
    if (!match) throw new ConfigError(`"${part.trim()}" is not LIMIT/DURATION such as 80/5s or 800/3m`);
    const [, limit, amount, unit] = match as unknown as [string, string, string, string];
    const window = { limit: Number(limit), windowMs: Number(amount) * (UNITS_MS[unit] ?? 0) };
    if (window.limit < 1 || window.windowMs < 1) throw new ConfigError(`"${part.trim()}" must be positive`);
    return window;
  });
  return windows;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value));

/** A whole number in [min, max]; any bad value gets the same line, naming the range. */
const integer = (min: number, max: number, message = `must be a whole number from ${min} to ${max}`) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));

const seconds = (min: number, max: number) =>
  integer(min, max, `must be a whole number of seconds from ${min} to ${max}`);

const envSchema = z.object({
  DIGICERT_API_KEY: optionalText,
  DIGICERT_API_KEY_FILE: optionalText,
  DIGICERT_REGION: optionalText
    .transform((region) => region?.trim().toLowerCase())
    .pipe(z.enum(["us", "eu"], { error: 'must be "us" or "eu"' }).optional().default("us")),
  DIGICERT_BASE_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://host/services/v2" })
      .refine(
        (url) =>
          !URL.canParse(url) ||
          new URL(url).protocol === "https:" ||
          LOOPBACK_HOSTS.has(new URL(url).hostname),
        "must use https unless it points at this machine (127.0.0.1, localhost), so the key never travels in clear text",
      )
      .optional(),
  ),
  DIGICERT_BUDGET: optionalText.default(DEFAULT_BUDGET),
  DIGICERT_TIMEOUT_SECONDS: optionalText.pipe(seconds(1, 600).optional()),
  HOST: optionalText.default("127.0.0.1"),
  // 0 (any free port) is for tests; people choose a real one.
  PORT: optionalText.pipe(integer(0, 65535, "must be a port from 1 to 65535").optional().default(3000)),
  CACHE_TTL_SECONDS: optionalText.pipe(seconds(1, 86_400).optional().default(300)),
  REFRESH_MIN_INTERVAL_SECONDS: optionalText.pipe(seconds(0, 3_600).optional().default(30)),
  API_RATE_LIMIT_PER_MINUTE: optionalText.pipe(integer(1, 1_000_000).optional().default(600)),
  LOG_LEVEL: optionalText.pipe(
    z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "must be one of fatal, error, warn, info, debug, trace, silent",
      })
      .optional()
      .default("info"),
  ),
  DEMO_CODES: optionalText.pipe(integer(0, MAX_GENERATED_CODES).optional().default(DEFAULT_CODE_COUNT)),
  DEMO_SEED: optionalText.default(DEFAULT_SEED),
});

function readKeyFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ConfigError(
      `DIGICERT_API_KEY_FILE: cannot read ${path} (${reason}); point it at a readable file`,
    );
  }
  const key = text.trim();
  if (key === "")
    throw new ConfigError(
      `DIGICERT_API_KEY_FILE: ${path} is empty; put the key in it, or unset DIGICERT_API_KEY_FILE for demo mode`,
    );
  return key;
}

/** Parses the environment into a Config, or throws a ConfigError with one readable line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Other variables read "set but empty" as unset; for the key that would quietly start demo
  // mode when a deployment meant to pass a key and passed nothing (`DIGICERT_API_KEY=$UNSET`).
  if (env.DIGICERT_API_KEY !== undefined && env.DIGICERT_API_KEY.trim() === "") {
    throw new ConfigError("DIGICERT_API_KEY is set but empty; unset it for demo mode or give the key");
  }
  if (env.DIGICERT_API_KEY_FILE !== undefined && env.DIGICERT_API_KEY_FILE.trim() === "") {
    throw new ConfigError(
      "DIGICERT_API_KEY_FILE is set but empty; unset it for demo mode or give the key file",
    );
  }
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join(".") ?? "environment";
    throw new ConfigError(`${variable}: ${issue?.message ?? "invalid value"}`);
  }
  const vars = parsed.data;

  if (vars.DIGICERT_API_KEY !== undefined && vars.DIGICERT_API_KEY_FILE !== undefined) {
    throw new ConfigError("DIGICERT_API_KEY and DIGICERT_API_KEY_FILE are both set; keep one");
  }
  const key =
    vars.DIGICERT_API_KEY_FILE !== undefined
      ? readKeyFile(vars.DIGICERT_API_KEY_FILE)
      : vars.DIGICERT_API_KEY;
  if (key === undefined && vars.DIGICERT_BASE_URL !== undefined) {
    throw new ConfigError(
      "DIGICERT_BASE_URL is set but no key is: set DIGICERT_API_KEY or DIGICERT_API_KEY_FILE, or unset DIGICERT_BASE_URL for demo mode",
    );
  }

  let budget: BudgetWindow[];
  try {
    budget = parseBudget(vars.DIGICERT_BUDGET);
  } catch (error) {
    throw new ConfigError(`DIGICERT_BUDGET: ${(error as Error).message}`);
  }

  const upstream: UpstreamConfig =
    key === undefined
      ? { kind: "demo", codes: vars.DEMO_CODES, seed: vars.DEMO_SEED }
      : {
          kind: "digicert",
          apiKey: new Secret(key),
          baseUrl: (vars.DIGICERT_BASE_URL ?? REGION_BASE_URLS[vars.DIGICERT_REGION]).replace(/\/+$/, ""),
          // An override (simulator, proxy) is not one of DigiCert's regions.
          region: vars.DIGICERT_BASE_URL === undefined ? vars.DIGICERT_REGION : null,
        };

  const timeoutMs =
    vars.DIGICERT_TIMEOUT_SECONDS === undefined ? undefined : vars.DIGICERT_TIMEOUT_SECONDS * 1000;
  return {
    host: vars.HOST,
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL,
    cacheTtlMs: vars.CACHE_TTL_SECONDS * 1000,
    refreshMinIntervalMs: vars.REFRESH_MIN_INTERVAL_SECONDS * 1000,
    apiRateLimitPerMinute: vars.API_RATE_LIMIT_PER_MINUTE,
    upstream,
    client: {
      ...DEFAULT_CLIENT_CONFIG,
      budget,
      ...(timeoutMs === undefined ? {} : { headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs }),
    },
    webDist: DEFAULT_WEB_DIST,
  };
}
