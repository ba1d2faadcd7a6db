import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { AuthConfig } from "../auth/config.js";
import { hashPassword } from "../auth/passwords.js";
import { loadConfig } from "../config.js";
import { fakeWebDist } from "../test-support/harness.js";

/** The whole app, as server.ts builds it: headers on every answer, sign-in in front of /api. */

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function app(auth: AuthConfig): Promise<FastifyInstance> {
  // Demo mode with a handful of codes: no network, and the routes behave as in production.
  const config = loadConfig({ LOG_LEVEL: "silent", DEMO_CODES: "10" });
  const built = await buildApp({ ...config, webDist: fakeWebDist() }, { auth });
  apps.push(built);
  return built;
}

const NONE: AuthConfig = { mode: "none", explicit: false, secureCookies: false, trustedProxies: [] };

describe("security headers", () => {
  it("sends a CSP without inline script and with frame-ancestors 'none', on the page and the API", async () => {
    const built = await app(NONE);
    for (const url of ["/", "/api/health", "/api/nothing"]) {
      const response = await built.inject(url);
      const csp = String(response.headers["content-security-policy"]);
      const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
      expect(scriptSrc.trim()).toBe("'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["referrer-policy"]).toBe("no-referrer");
    }
  });

  it("sends HSTS only when browsers reach it over https", async () => {
    expect((await (await app(NONE)).inject("/")).headers["strict-transport-security"]).toBeUndefined();
    const tls = await app({ ...NONE, secureCookies: true });
    expect((await tls.inject("/")).headers["strict-transport-security"]).toBe("max-age=31536000");
  });
});

describe("sign-in in front of the real routes", () => {
  it("answers 401 on data routes without a session, but health and readiness stay open", async () => {
    const usersFile = join(mkdtempSync(join(tmpdir(), "app-auth-")), "users.json");
    const cheap = { N: 1024, r: 8, p: 1 };
    writeFileSync(
      usersFile,
      JSON.stringify({ users: { alice: await hashPassword("long enough password", cheap) } }),
    );
    const built = await app({
      mode: "login",
      usersFile,
      sessionSecret: "z".repeat(40),
      sessionTtlSeconds: 3600,
      secureCookies: false,
      trustedProxies: [],
    });
    for (const url of ["/api/used-codes", "/api/used-codes.csv", "/api/orders/123"]) {
      const response = await built.inject(url);
      expect(response.statusCode, url).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
    expect((await built.inject({ method: "POST", url: "/api/used-codes/refresh" })).statusCode).toBe(401);
    expect((await built.inject("/api/health")).statusCode).toBe(200);
    expect((await built.inject("/")).statusCode).toBe(200);
  });

  it("ignores a forged proxy header from an address that is not the proxy", async () => {
    const built = await app({
      ...NONE,
      mode: "proxy",
      header: "x-forwarded-user",
      logoutUrl: null,
      trustedProxies: ["10.0.0.5"],
    });
    const forged = await built.inject({
      url: "/api/used-codes",
      remoteAddress: "10.0.0.6",
      headers: { "x-forwarded-user": "admin", "x-forwarded-for": "10.0.0.5" },
    });
    expect(forged.statusCode).toBe(401);
    const real = await built.inject({
      url: "/api/used-codes",
      remoteAddress: "10.0.0.5",
      headers: { "x-forwarded-user": "carol" },
    });
    expect(real.statusCode).toBe(200);
  });
});
