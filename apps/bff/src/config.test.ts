import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { DEFAULT_CODE_COUNT, DEFAULT_SEED } from "@voucher-desk/digicert-sim";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseBudget, REGION_BASE_URLS } from "./config.js";

const SENTINEL = "sentinel-key-4c1f9a";

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("defaults to demo mode on 127.0.0.1:3000 with the documented values", () => {
    const config = loadConfig({});
    expect(config.upstream).toEqual({ kind: "demo", codes: DEFAULT_CODE_COUNT, seed: DEFAULT_SEED });
    expect([config.host, config.port, config.cacheTtlMs, config.logLevel]).toEqual([
      "127.0.0.1",
      3000,
      300_000,
      "info",
    ]);
    expect(config.client.budget).toEqual([
      { limit: 80, windowMs: 5_000 },
      { limit: 800, windowMs: 180_000 },
    ]);
    expect(config.webDist.endsWith(join("apps", "web", "dist"))).toBe(true);
  });

  it("uses the region's host with a key, and an override with no region", () => {
    const us = loadConfig({ DIGICERT_API_KEY: SENTINEL });
    expect(us.upstream).toMatchObject({ kind: "digicert", baseUrl: REGION_BASE_URLS.us, region: "us" });
    const eu = loadConfig({ DIGICERT_API_KEY: SENTINEL, DIGICERT_REGION: "eu" });
    expect(eu.upstream).toMatchObject({
      baseUrl: "https://certcentral.digicert.eu/services/v2",
      region: "eu",
    });
    const sim = loadConfig({
      DIGICERT_API_KEY: SENTINEL,
      DIGICERT_BASE_URL: "http://127.0.0.1:4010/services/v2/",
    });
    expect(sim.upstream).toMatchObject({ baseUrl: "http://127.0.0.1:4010/services/v2", region: null });
  });

  it("reads the key from a file, trimmed, and never shows it when the config is printed", () => {
    const dir = mkdtempSync(join(tmpdir(), "bff-config-"));
    const file = join(dir, "key");
    writeFileSync(file, `${SENTINEL}\n`);
    const config = loadConfig({ DIGICERT_API_KEY_FILE: file });
    if (config.upstream.kind !== "digicert") throw new Error("expected digicert mode");
    expect(config.upstream.apiKey.reveal()).toBe(SENTINEL);
    for (const printed of [
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
      `${config.upstream.apiKey}`,
    ]) {
      expect(printed).not.toContain(SENTINEL);
    }
  });

  it.each([
    [{ DIGICERT_REGION: "mars" }, /^DIGICERT_REGION: must be "us" or "eu"/],
    [
      { DIGICERT_API_KEY: "k", DIGICERT_BASE_URL: "ftp://example.com" },
      /^DIGICERT_BASE_URL: must be an http\(s\) URL/,
    ],
    [
      { DIGICERT_API_KEY: "k", DIGICERT_BASE_URL: "not a url" },
      /^DIGICERT_BASE_URL: must be an http\(s\) URL/,
    ],
    [
      { DIGICERT_API_KEY: "k", DIGICERT_BASE_URL: "http://example.com/services/v2" },
      /^DIGICERT_BASE_URL: must use https/,
    ],
    [
      { DIGICERT_API_KEY_FILE: "/nonexistent/key" },
      /^DIGICERT_API_KEY_FILE: cannot read \/nonexistent\/key \(ENOENT\)/,
    ],
    [{ DIGICERT_API_KEY: "a", DIGICERT_API_KEY_FILE: "/x" }, /both set/],
    [{ DIGICERT_BASE_URL: "http://127.0.0.1:4010/services/v2" }, /DIGICERT_BASE_URL is set but no key/],
    [{ PORT: "80a" }, /^PORT: must be a port from 1 to 65535/],
    [{ PORT: "99999" }, /^PORT: must be a port from 1 to 65535/],
    [{ PORT: "-1" }, /^PORT: must be a port from 1 to 65535/],
    [{ CACHE_TTL_SECONDS: "0" }, /^CACHE_TTL_SECONDS: must be a whole number of seconds from 1 to 86400$/],
    [{ CACHE_TTL_SECONDS: "-1" }, /^CACHE_TTL_SECONDS: must be a whole number of seconds from 1 to 86400$/],
    [
      { REFRESH_MIN_INTERVAL_SECONDS: "1.5" },
      /^REFRESH_MIN_INTERVAL_SECONDS: must be a whole number of seconds from 0 to 3600$/,
    ],
    [
      { API_RATE_LIMIT_PER_MINUTE: "0" },
      /^API_RATE_LIMIT_PER_MINUTE: must be a whole number from 1 to 1000000$/,
    ],
    [{ DIGICERT_API_KEY: "" }, /^DIGICERT_API_KEY is set but empty; unset it for demo mode or give the key$/],
    [
      { DIGICERT_API_KEY: "  " },
      /^DIGICERT_API_KEY is set but empty; unset it for demo mode or give the key$/,
    ],
    [
      { DIGICERT_API_KEY_FILE: "" },
      /^DIGICERT_API_KEY_FILE is set but empty; unset it for demo mode or give the key file$/,
    ],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL: must be one of/],
    [{ DIGICERT_BUDGET: "80 per 5s" }, /^DIGICERT_BUDGET: "80 per 5s" is not LIMIT\/DURATION/],
  ])("stops on %j with one line naming the variable", (env, message) => {
    const text = configError(env as Record<string, string>);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("never echoes a key in its error lines", () => {
    expect(configError({ DIGICERT_API_KEY: SENTINEL, DIGICERT_BASE_URL: "ftp://x" })).not.toContain(SENTINEL);
    expect(configError({ DIGICERT_API_KEY: SENTINEL, DIGICERT_API_KEY_FILE: "/x" })).not.toContain(SENTINEL);
  });

  it("treats empty variables as unset, except the key: an empty key is a mistake, not a wish for demo data", () => {
    const config = loadConfig({ DIGICERT_REGION: " ", PORT: "", CACHE_TTL_SECONDS: "" });
    expect([config.upstream.kind, config.port, config.cacheTtlMs]).toEqual(["demo", 3000, 300_000]);
  });

  it("refuses a key file that holds nothing, saying how to get demo mode instead", () => {
    const file = join(mkdtempSync(join(tmpdir(), "bff-config-")), "key");
    writeFileSync(file, " \n");
    expect(configError({ DIGICERT_API_KEY_FILE: file })).toBe(
      `DIGICERT_API_KEY_FILE: ${file} is empty; put the key in it, or unset DIGICERT_API_KEY_FILE for demo mode`,
    );
  });

  it("reads the region in any case", () => {
    for (const region of ["EU", "Eu", " eu "]) {
      expect(loadConfig({ DIGICERT_API_KEY: SENTINEL, DIGICERT_REGION: region }).upstream).toMatchObject({
        baseUrl: REGION_BASE_URLS.eu,
        region: "eu",
      });
    }
  });

  it("accepts port 0 (any free port, as the tests use) and every port up to 65535", () => {
    expect(loadConfig({ PORT: "0" }).port).toBe(0);
    expect(loadConfig({ PORT: "65535" }).port).toBe(65535);
  });
});

describe("parseBudget", () => {
  it("reads LIMIT/DURATION windows in ms, s, m or h", () => {
    expect(parseBudget("10/500ms, 90/5s,900/3m,5000/1h")).toEqual([
      { limit: 10, windowMs: 500 },
      { limit: 90, windowMs: 5_000 },
      { limit: 900, windowMs: 180_000 },
      { limit: 5000, windowMs: 3_600_000 },
    ]);
  });

  it("refuses zero limits", () => {
    expect(() => parseBudget("0/5s")).toThrow(/must be positive/);
  });
});
