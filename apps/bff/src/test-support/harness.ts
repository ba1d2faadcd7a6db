import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "@voucher-desk/digicert-sim";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import type { Clock } from "../clock.js";
import { type ClientConfig, type Config, DEFAULT_CLIENT_CONFIG } from "../config.js";
import { Secret } from "../secret.js";

/** The key every test simulator accepts: distinctive, so finding it anywhere is a leak. */
export const SENTINEL_KEY = "SENTINEL-KEY-7f3e9c2a-must-never-leak";

/**
 * Fast but real client settings for tests: short backoff and timeouts so fault paths finish
 * quickly, a budget far above what a test sends unless a test sets its own.
 */
export const TEST_CLIENT_CONFIG: ClientConfig = {
  ...DEFAULT_CLIENT_CONFIG,
  connectTimeoutMs: 1_000,
  // undici checks headers and body timeouts on a coarse clock (ticks of ~0.5 s), so a timeout
  // fires up to about a second late: a test's latency must exceed the timeout by more than that.
  headersTimeoutMs: 500,
  bodyTimeoutMs: 500,
  backoffBaseMs: 10,
  backoffCapMs: 50,
  maxRetryWaitMs: 3_000,
  budget: [{ limit: 10_000, windowMs: 1_000 }],
  budgetMaxWaitMs: 2_000,
};

/** A built SPA stand-in: index.html and one hashed asset. */
export function fakeWebDist(): string {
  const dir = mkdtempSync(join(tmpdir(), "bff-web-dist-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><html><head><script type="module" src="/assets/app-3f9a1c.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dir, "assets", "app-3f9a1c.js"), 'console.log("voucher desk");\n');
  return dir;
}

export interface HarnessOptions {
  /** Simulator options; its key defaults to SENTINEL_KEY. */
  sim?: SimulatorOptions;
  /** The key the BFF sends (default: the simulator's). */
  bffKey?: string;
  client?: Partial<ClientConfig>;
  config?: Partial<Omit<Config, "client" | "upstream">>;
  clock?: Clock;
}

export interface Harness {
  sim: RunningSimulator;
  app: FastifyInstance;
  /** The BFF's origin, e.g. http://127.0.0.1:43121 */
  url: string;
  /** Every log line the BFF wrote, at trace level. */
  logs: string[];
  /** fetch() against the BFF (it decodes gzip itself; use undici.request to see raw bytes). */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** A simulator and a BFF pointed at it, both listening on ephemeral loopback ports. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startSimulator({
    count: 300,
    seed: "bff-tests",
    rateLimits: [],
    key: SENTINEL_KEY,
    ...options.sim,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config: Config = {
    host: "127.0.0.1",
    port: 0,
    logLevel: "trace",
    cacheTtlMs: 60_000,
    refreshMinIntervalMs: 0,
    apiRateLimitPerMinute: 100_000,
    webDist: fakeWebDist(),
    ...options.config,
    upstream: {
      kind: "digicert",
      apiKey: new Secret(options.bffKey ?? options.sim?.key ?? SENTINEL_KEY),
      baseUrl: sim.baseUrl,
      region: null,
    },
    client: { ...TEST_CLIENT_CONFIG, ...options.client },
  };
  const app = await buildApp(config, { logStream, ...(options.clock ? { clock: options.clock } : {}) });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    sim,
    app,
    url,
    logs,
    request: (path, init) => fetch(`${url}${path}`, init),
    close: async () => {
      await app.close();
      await sim.close();
    },
  };
}

/**
 * GET with the path sent byte for byte. fetch and undici parse the URL first, and WHATWG URL
 * parsing resolves `..` and `%2e%2e`, so they cannot send the paths an attacker would.
 */
export function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: hostname, port, path, method: "GET" }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}
