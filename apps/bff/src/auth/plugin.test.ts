import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { sessionInfoSchema } from "@voucher-desk/vouchers";
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import type { AuthConfig } from "./config.js";
import { hashPassword } from "./passwords.js";
import { type AuthPluginOptions, authPlugin } from "./plugin.js";
import { writeUser } from "./users-file.js";

const CHEAP = { N: 1024, r: 8, p: 1 };
const PASSWORD = "correct horse battery staple";
const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function usersFileWithAlice(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "auth-plugin-")), "users.json");
  writeFileSync(path, JSON.stringify({ users: { alice: await hashPassword(PASSWORD, CHEAP) } }));
  return path;
}

/** A bare app: the plugin plus stand-ins for the BFF's routes. */
async function appWith(config: AuthConfig, options: Partial<AuthPluginOptions> = {}, logs?: string[]) {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs?.push(String(chunk));
      done();
    },
  });
  // As buildApp does: only the configured proxies may say the browser used https.
  const trustProxy = config.trustedProxies.length > 0 ? config.trustedProxies : false;
  const app = Fastify({ logger: logs ? { level: "info", stream } : false, trustProxy });
  apps.push(app);
  await app.register(authPlugin, {
    config,
    publicRoutes: ["/api/health"],
    decoyCost: CHEAP,
    loginLimits: { perAddress: { max: 3, timeWindowMs: 60_000 }, perUser: { max: 5, timeWindowMs: 60_000 } },
    ...options,
  });
  app.get("/api/health", async () => ({ ok: true }));
  app.get("/api/used-codes", async (request) => ({ codes: [], viewer: request.authUser }));
  app.post("/api/used-codes/refresh", async () => ({ refreshed: true }));
  app.get("/", async () => "the SPA");
  await app.ready();
  return app;
}

/** Keeps cookies between requests the way a browser on one site would. */
class Browser {
  readonly jar = new Map<string, string>();
  csrf = "";

  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress = "127.0.0.1",
  ) {}

  async request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse> {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await this.app.inject({
      remoteAddress: this.remoteAddress,
      ...options,
      headers: { ...(cookie ? { cookie } : {}), ...options.headers },
    });
    for (const set of response.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const expired = set.maxAge === 0 || (set.expires !== undefined && set.expires.getTime() <= Date.now());
      if (expired || set.value === "") this.jar.delete(set.name);
      else this.jar.set(set.name, set.value);
    }
    return response;
  }

  async session() {
    const response = await this.request({ method: "GET", url: "/api/session" });
    expect(response.statusCode).toBe(200);
    const info = sessionInfoSchema.parse(response.json());
    this.csrf = info.csrfToken;
    return info;
  }

  post(url: string, payload?: object, headers: Record<string, string> = {}) {
    return this.request({
      method: "POST",
      url,
      ...(payload ? { payload } : {}),
      headers: { "x-csrf-token": this.csrf, ...headers },
    });
  }

  async login(username: string, password: string) {
    const response = await this.post("/api/login", { username, password });
    if (response.statusCode === 200) this.csrf = sessionInfoSchema.parse(response.json()).csrfToken;
    return response;
  }
}

function errorCode(response: LightMyRequestResponse): string {
  return (response.json() as { error: { code: string } }).error.code;
}

describe("built-in login", () => {
  async function loginApp(secureCookies = false) {
    const usersFile = await usersFileWithAlice();
    const app = await appWith({
      mode: "login",
      usersFile,
      sessionSecret: "x".repeat(48),
      sessionTtlSeconds: 3600,
      secureCookies,
      trustedProxies: secureCookies ? ["127.0.0.1"] : [],
    });
    return { app, usersFile };
  }

  it("answers 401 on /api without a session, while health, session and the SPA stay open", async () => {
    const { app } = await loginApp();
    const browser = new Browser(app);
    const denied = await browser.request({ method: "GET", url: "/api/used-codes" });
    expect(denied.statusCode).toBe(401);
    expect(denied.json()).toEqual({
      error: { code: "unauthorized", message: "Sign in to use Voucher Desk." },
    });
    expect((await browser.request({ method: "GET", url: "/api/unknown-route" })).statusCode).toBe(401);
    expect((await browser.request({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    expect((await browser.request({ method: "GET", url: "/" })).body).toBe("the SPA");
    expect(await browser.session()).toMatchObject({ mode: "login", user: null, logoutUrl: null });
  });

  it("signs in, serves data to the session, and signs out", async () => {
    const { app } = await loginApp();
    const browser = new Browser(app);
    await browser.session();
    const login = await browser.login("alice", PASSWORD);
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ mode: "login", user: "alice" });
    expect(login.headers["cache-control"]).toBe("no-store");

    const data = await browser.request({ method: "GET", url: "/api/used-codes" });
    expect(data.json()).toEqual({ codes: [], viewer: "alice" });
    expect((await browser.session()).user).toBe("alice");

    const stolenSession = browser.jar.get("vd_session");
    const logout = await browser.post("/api/logout");
    expect(logout.statusCode).toBe(200);
    expect(logout.json()).toMatchObject({ user: null });
    expect((await browser.request({ method: "GET", url: "/api/used-codes" })).statusCode).toBe(401);
    // The old cookie is dead on the server too, not just deleted in this browser.
    const replay = await app.inject({
      method: "GET",
      url: "/api/used-codes",
      cookies: { vd_session: stolenSession ?? "" },
    });
    expect(replay.statusCode).toBe(401);
  });

  it("sets HttpOnly, SameSite=Strict cookies; Secure with the __Host- prefix behind TLS", async () => {
    for (const secure of [false, true]) {
      const { app } = await loginApp(secure);
      const browser = new Browser(app);
      await browser.session();
      // Behind TLS: the trusted proxy at 127.0.0.1 says the browser used https.
      const login = await browser.post(
        "/api/login",
        { username: "alice", password: PASSWORD },
        { "x-forwarded-proto": "https" },
      );
      const cookies = login.cookies as {
        name: string;
        httpOnly?: boolean;
        sameSite?: string;
        secure?: boolean;
        path?: string;
        domain?: string;
      }[];
      const prefix = secure ? "__Host-" : "";
      expect(cookies.map((c) => c.name).sort()).toEqual([`${prefix}vd_csrf`, `${prefix}vd_session`]);
      for (const cookie of cookies) {
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
        expect(cookie.secure === true).toBe(secure);
        expect(cookie.domain).toBeUndefined();
      }
    }
  });

  it("refuses to sign in over plain http when cookies are Secure, instead of losing the session", async () => {
    const { app } = await loginApp(true);
    const browser = new Browser(app, "10.1.1.1");
    await browser.session();
    // Not from the trusted proxy, so its X-Forwarded-Proto is not believed.
    const response = await browser.post(
      "/api/login",
      { username: "alice", password: PASSWORD },
      { "x-forwarded-proto": "https" },
    );
    expect(response.statusCode).toBe(400);
    expect((response.json() as { error: { message: string } }).error.message).toMatch(/^Sign in over https/);
  });

  it("refuses a wrong password and an unknown user with the same answer", async () => {
    const { app } = await loginApp();
    const browser = new Browser(app);
    await browser.session();
    const wrong = await browser.login("alice", "not the password");
    const unknown = await browser.login("mallory", PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(browser.jar.has("vd_session")).toBe(false);
  });

  it("refuses a malformed login body with 400", async () => {
    const { app } = await loginApp();
    const browser = new Browser(app);
    await browser.session();
    const response = await browser.post("/api/login", { username: "alice" });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("bad_request");
  });

  it("throttles failed logins per address, even for the right password afterwards", async () => {
    const { app } = await loginApp();
    const browser = new Browser(app);
    await browser.session();
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await browser.login("alice", `guess ${attempt}`)).statusCode).toBe(401);
    }
    const blocked = await browser.login("alice", PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(errorCode(blocked)).toBe("rate_limited");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not blocked by this one's failures.
    const other = new Browser(app, "10.9.9.9");
    await other.session();
    expect((await other.login("alice", PASSWORD)).statusCode).toBe(200);
  });

  it("throttles failed logins per user name across addresses", async () => {
    const { app } = await loginApp();
    for (let attempt = 0; attempt < 5; attempt++) {
      const browser = new Browser(app, `10.0.0.${attempt + 1}`);
      await browser.session();
      expect((await browser.login("alice", `guess ${attempt}`)).statusCode).toBe(401);
    }
    const fresh = new Browser(app, "10.0.0.99");
    await fresh.session();
    expect((await fresh.login("alice", PASSWORD)).statusCode).toBe(429);
    expect((await fresh.login("bob", "whatever-password")).statusCode).toBe(401);
  });

  it("does not count successful sign-ins against the budget", async () => {
    const { app } = await loginApp();
    const browser = new Browser(app);
    await browser.session();
    for (let attempt = 0; attempt < 6; attempt++) {
      expect((await browser.login("alice", PASSWORD)).statusCode).toBe(200);
    }
  });

  it("reads the users file on each attempt, so a user added later signs in without a restart", async () => {
    const { app, usersFile } = await loginApp();
    const browser = new Browser(app);
    await browser.session();
    expect((await browser.login("bob", "bob's long password")).statusCode).toBe(401);
    writeUser(usersFile, "bob", await hashPassword("bob's long password", CHEAP));
    expect((await browser.login("bob", "bob's long password")).statusCode).toBe(200);
  });

  it("ignores a forged session cookie", async () => {
    const { app } = await loginApp();
    const forged = await app.inject({
      method: "GET",
      url: "/api/used-codes",
      cookies: { vd_session: "forged.value" },
    });
    expect(forged.statusCode).toBe(401);
  });
});

describe("CSRF protection", () => {
  async function signedIn() {
    const app = await appWith({
      mode: "login",
      usersFile: await usersFileWithAlice(),
      sessionSecret: "y".repeat(48),
      sessionTtlSeconds: 3600,
      secureCookies: false,
      trustedProxies: [],
    });
    const browser = new Browser(app);
    await browser.session();
    const preLoginToken = browser.csrf;
    expect((await browser.login("alice", PASSWORD)).statusCode).toBe(200);
    return { app, browser, preLoginToken };
  }

  it("refuses a state change without the token, with a forged one, or with the one from before sign-in", async () => {
    const { browser, preLoginToken } = await signedIn();
    for (const token of ["", "forged-token", preLoginToken]) {
      const response = await browser.post("/api/used-codes/refresh", undefined, { "x-csrf-token": token });
      expect(response.statusCode).toBe(403);
      expect(errorCode(response)).toBe("forbidden");
    }
    expect((await browser.post("/api/used-codes/refresh")).json()).toEqual({ refreshed: true });
  });

  it("refuses a cross-site form post that carries the session cookie but cannot read the token", async () => {
    const { app, browser } = await signedIn();
    const response = await app.inject({
      method: "POST",
      url: "/api/used-codes/refresh",
      headers: {
        cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join("; "),
        origin: "https://evil.example",
      },
      payload: "x=1",
    });
    expect(response.statusCode).toBe(403);
  });

  it("needs a token for sign-in and sign-out too (no login CSRF, no forced logout)", async () => {
    const { app, browser } = await signedIn();
    const logout = await browser.post("/api/logout", undefined, { "x-csrf-token": "" });
    expect(logout.statusCode).toBe(403);
    expect((await browser.request({ method: "GET", url: "/api/used-codes" })).statusCode).toBe(200);
    const stranger = await app.inject({
      method: "POST",
      url: "/api/login",
      payload: { username: "alice", password: PASSWORD },
    });
    expect(stranger.statusCode).toBe(403);
  });
});

describe("trusted reverse proxy", () => {
  const proxyConfig: AuthConfig = {
    mode: "proxy",
    header: "x-forwarded-user",
    trustedProxies: ["10.0.0.5", "192.168.10.0/24"],
    logoutUrl: "/oauth2/sign_out",
    secureCookies: false,
  };

  it("takes the user from the header when the request comes from a configured proxy", async () => {
    const app = await appWith(proxyConfig);
    for (const proxy of ["10.0.0.5", "192.168.10.77", "::ffff:10.0.0.5"]) {
      const browser = new Browser(app, proxy);
      const response = await browser.request({
        method: "GET",
        url: "/api/used-codes",
        headers: { "x-forwarded-user": "carol@example.com" },
      });
      expect(response.json()).toEqual({ codes: [], viewer: "carol@example.com" });
    }
    const info = await new Browser(app, "10.0.0.5").request({
      method: "GET",
      url: "/api/session",
      headers: { "x-forwarded-user": "carol" },
    });
    expect(info.json()).toMatchObject({ mode: "proxy", user: "carol", logoutUrl: "/oauth2/sign_out" });
  });

  it("ignores a forged identity header from any other address, X-Forwarded-For included", async () => {
    const app = await appWith(proxyConfig);
    for (const forger of ["10.0.0.6", "127.0.0.1", "192.168.11.1"]) {
      const response = await new Browser(app, forger).request({
        method: "GET",
        url: "/api/used-codes",
        headers: { "x-forwarded-user": "admin", "x-forwarded-for": "10.0.0.5" },
      });
      expect(response.statusCode).toBe(401);
      expect(errorCode(response)).toBe("unauthorized");
    }
    const info = await new Browser(app, "10.0.0.6").request({
      method: "GET",
      url: "/api/session",
      headers: { "x-forwarded-user": "admin" },
    });
    expect(info.json()).toMatchObject({ user: null });
  });

  it("answers 401 when the proxy sends no user, or one with control characters", async () => {
    const app = await appWith(proxyConfig);
    const browser = new Browser(app, "10.0.0.5");
    expect((await browser.request({ method: "GET", url: "/api/used-codes" })).statusCode).toBe(401);
    const injected = await browser.request({
      method: "GET",
      url: "/api/used-codes",
      headers: { "x-forwarded-user": "eve\tadmin" },
    });
    expect(injected.statusCode).toBe(401);
  });

  it("still requires the CSRF token for state changes", async () => {
    const app = await appWith(proxyConfig);
    const browser = new Browser(app, "10.0.0.5");
    const user = { "x-forwarded-user": "carol" };
    const info = await browser.request({ method: "GET", url: "/api/session", headers: user });
    browser.csrf = sessionInfoSchema.parse(info.json()).csrfToken;
    expect(
      (await browser.post("/api/used-codes/refresh", undefined, { ...user, "x-csrf-token": "" })).statusCode,
    ).toBe(403);
    expect((await browser.post("/api/used-codes/refresh", undefined, user)).statusCode).toBe(200);
  });

  it("has no built-in login or logout routes", async () => {
    const app = await appWith(proxyConfig);
    const response = await app.inject({
      method: "POST",
      url: "/api/login",
      remoteAddress: "10.0.0.5",
      headers: { "x-forwarded-user": "carol" },
    });
    // CSRF is checked before routing decides anything, and the route does not exist either way.
    expect([403, 404]).toContain(response.statusCode);
    expect(app.hasRoute({ method: "POST", url: "/api/login" })).toBe(false);
    expect(app.hasRoute({ method: "POST", url: "/api/logout" })).toBe(false);
  });
});

describe("no sign-in", () => {
  it("serves /api to anyone on loopback, and refuses a state change the browser marks as cross-site", async () => {
    const app = await appWith({ mode: "none", explicit: false, secureCookies: false, trustedProxies: [] });
    const browser = new Browser(app);
    expect((await browser.request({ method: "GET", url: "/api/used-codes" })).json()).toEqual({
      codes: [],
      viewer: null,
    });
    expect(await browser.session()).toMatchObject({ mode: "none", user: null });
    const noToken = { "x-csrf-token": "" };
    const crossSiteHeaders: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://evil.example" },
      { origin: "null" },
    ];
    for (const crossSite of crossSiteHeaders) {
      const response = await browser.post("/api/used-codes/refresh", undefined, { ...noToken, ...crossSite });
      expect(response.statusCode).toBe(403);
      expect(errorCode(response)).toBe("forbidden");
    }
    // The dashboard itself, a script without Origin, and a cross-site request holding the token pass.
    expect(
      (
        await browser.post("/api/used-codes/refresh", undefined, {
          ...noToken,
          "sec-fetch-site": "same-origin",
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await browser.post("/api/used-codes/refresh", undefined, {
          ...noToken,
          origin: "http://localhost:80",
        })
      ).statusCode,
    ).toBe(200);
    expect((await browser.post("/api/used-codes/refresh", undefined, noToken)).statusCode).toBe(200);
    expect(
      (await browser.post("/api/used-codes/refresh", undefined, { "sec-fetch-site": "cross-site" }))
        .statusCode,
    ).toBe(200);
  });

  it("warns on every start when sign-in is switched off explicitly, and only then", async () => {
    const explicitLogs: string[] = [];
    await appWith(
      { mode: "none", explicit: true, secureCookies: false, trustedProxies: [] },
      {},
      explicitLogs,
    );
    const warning = explicitLogs.map((line) => JSON.parse(line)).find((entry) => entry.level === 40);
    expect(warning?.msg).toMatch(/^AUTH_MODE=none: no sign-in/);
    const implicitLogs: string[] = [];
    await appWith(
      { mode: "none", explicit: false, secureCookies: false, trustedProxies: [] },
      {},
      implicitLogs,
    );
    expect(implicitLogs.map((line) => JSON.parse(line)).filter((entry) => entry.level >= 40)).toEqual([]);
  });
});
