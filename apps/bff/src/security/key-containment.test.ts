import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { FAULT_KINDS } from "@voucher-desk/digicert-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, SENTINEL_KEY, startHarness } from "../test-support/harness.js";
import { expectNoKey, responseText } from "./leaks.js";

/**
 * The key reaches DigiCert and nothing else: no response (header or body, any route, any error
 * path), no log line at trace level, no file of the built web app.
 */

const BROWSER_SECRETS = {
  "x-dc-devkey": "browser-sent-devkey-1b2c",
  authorization: "Bearer browser-sent-token-3d4e",
  cookie: "session=browser-sent-cookie-5f6a",
};

const ROUTES: [string, RequestInit?][] = [
  ["/api/used-codes"],
  ["/api/used-codes", { headers: { "accept-encoding": "gzip" } }],
  ["/api/used-codes/refresh", { method: "POST" }],
  ["/api/used-codes.csv"],
  ["/api/used-codes.csv?cols=id,nope&sort=%zz"],
  ["/api/orders/999999999999"],
  ["/api/orders/abc"],
  ["/api/health"],
  ["/api/ready"],
  ["/api/openapi.json"],
  ["/api/nothing-here"],
  ["/"],
  ["/orders/123"],
  ["/assets/app-3f9a1c.js"],
];

describe("key containment", () => {
  let harness: Harness;
  const seen: string[] = [];
  beforeAll(async () => {
    harness = await startHarness({
      sim: { count: 30 },
      client: { maxAttempts: 1 },
    });
  });
  afterAll(async () => harness.close());

  async function visit(path: string, init: RequestInit = {}): Promise<void> {
    const response = await harness.request(path, {
      ...init,
      headers: { ...BROWSER_SECRETS, ...init.headers },
    });
    const text = await responseText(response);
    expectNoKey(text, `${init.method ?? "GET"} ${path} → ${response.status}`);
    seen.push(text);
  }

  it("is in no response of any route", async () => {
    for (const [path, init] of ROUTES) await visit(path, init);
    const order = String(harness.sim.control.codes[0]?.certificate_order_id);
    await visit(`/api/orders/${order}`);
    expect(seen.length).toBe(ROUTES.length + 1);
  });

  it.each(FAULT_KINDS.filter((kind) => kind !== "none"))(
    "is in no response while upstream fails with %s",
    async (kind) => {
      harness.sim.control.setFaults({ kind, retryAfter: "seconds", retryAfterSeconds: 0 });
      await visit("/api/used-codes/refresh", { method: "POST" });
      await visit(`/api/orders/${String(harness.sim.control.codes[1]?.certificate_order_id)}`);
      await visit("/api/ready");
      harness.sim.control.clearFaults();
    },
  );

  it("is in no response while upstream times out", async () => {
    harness.sim.control.setFaults({ latencyMs: 1_500 });
    await visit(`/api/orders/${String(harness.sim.control.codes[2]?.certificate_order_id)}`);
    harness.sim.control.clearFaults();
  });

  it("reached upstream, alone: none of the browser's credentials went with it", () => {
    const received = harness.sim.control.requests();
    expect(received.length).toBeGreaterThan(5);
    for (const request of received) {
      expect(request.headers["x-dc-devkey"]).toBe(SENTINEL_KEY);
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers.cookie).toBeUndefined();
      const headers = JSON.stringify(request.headers);
      for (const secret of Object.values(BROWSER_SECRETS))
        expect(headers).not.toContain(secret.split("=").pop());
    }
  });

  it("is in no log line at trace level", () => {
    expect(harness.logs.length).toBeGreaterThan(20);
    expect(harness.app.log.level).toBe("trace");
    expectNoKey(harness.logs.join("\n"), "the BFF's log");
  });
});

describe("key containment in the web build", () => {
  const webRoot = fileURLToPath(new URL("../../../web/", import.meta.url));
  const outDir = mkdtempSync(join(tmpdir(), "web-build-with-sentinel-"));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  }

  it("stays out of a bundle built with the key in the environment, even under a VITE_ name", async () => {
    const vite = join(webRoot, "node_modules", ".bin", "vite");
    await promisify(execFile)(vite, ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], {
      cwd: webRoot,
      env: { ...process.env, DIGICERT_API_KEY: SENTINEL_KEY, VITE_DIGICERT_API_KEY: SENTINEL_KEY },
    });
    const built = files(outDir);
    expect(built.some((file) => file.endsWith("index.html"))).toBe(true);
    expect(built.some((file) => file.endsWith(".js"))).toBe(true);
    for (const file of built) {
      const text = readFileSync(file, "latin1");
      expectNoKey(text, file);
      // The browser never even names the header that carries the key.
      expect(text.toLowerCase().includes("x-dc-devkey"), `${file} names X-DC-DEVKEY`).toBe(false);
    }
  }, 60_000);

  it("is not in the served build either (apps/web/dist), when there is one", () => {
    const dist = join(webRoot, "dist");
    if (!existsSync(dist)) return;
    for (const file of files(dist)) expectNoKey(readFileSync(file, "latin1"), file);
  });
});
