import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AuthConfigError, isLoopbackHost, loadAuthConfig } from "./config.js";
import { hashPassword } from "./passwords.js";

const CHEAP = { N: 16, r: 1, p: 1 };

async function usersFile(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "auth-config-")), "users.json");
  writeFileSync(
    path,
    JSON.stringify({ users: { alice: await hashPassword("correct horse battery", CHEAP) } }),
  );
  return path;
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthConfigError);
    return (error as Error).message;
  }
  throw new Error("expected an AuthConfigError");
}

describe("the start-time rule", () => {
  it.each(["127.0.0.1", "127.4.5.6", "localhost", "LOCALHOST", "::1", "[::1]"])(
    "lets %s (loopback) start without sign-in",
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
      expect(loadAuthConfig({}, { host })).toEqual({
        mode: "none",
        explicit: false,
        secureCookies: false,
        trustedProxies: [],
      });
    },
  );

  it.each(["0.0.0.0", "::", "[::]", "10.0.0.8", "dashboard.internal", "128.0.0.1", "127.0.0.1.nip.io"])(
    "refuses %s without an auth mode, naming every option",
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
      const message = errorOf(() => loadAuthConfig({}, { host }));
      expect(message).toContain(`Refusing to listen on ${host}`);
      for (const option of [
        "AUTH_MODE=login",
        "AUTH_USERS_FILE",
        "AUTH_MODE=proxy",
        "AUTH_TRUSTED_PROXIES",
        "AUTH_MODE=none",
      ]) {
        expect(message).toContain(option);
      }
    },
  );

  it("accepts the explicit opt-out on any address and marks it explicit (the plugin warns)", () => {
    expect(loadAuthConfig({ AUTH_MODE: "none" }, { host: "0.0.0.0" })).toEqual({
      mode: "none",
      explicit: true,
      secureCookies: false,
      trustedProxies: [],
    });
  });

  it("rejects an unknown mode", () => {
    expect(errorOf(() => loadAuthConfig({ AUTH_MODE: "open" }, { host: "127.0.0.1" }))).toBe(
      'AUTH_MODE: must be "login", "proxy" or "none"',
    );
  });
});

describe("built-in login settings", () => {
  it("needs a users file, and says how to make one", () => {
    expect(errorOf(() => loadAuthConfig({ AUTH_MODE: "login" }, { host: "0.0.0.0" }))).toMatch(
      /AUTH_USERS_FILE.*pnpm add-user/,
    );
  });

  it("refuses a missing or malformed users file at start, not at the first sign-in", async () => {
    const missing = join(tmpdir(), "no-such-dir-for-auth", "users.json");
    expect(
      errorOf(() => loadAuthConfig({ AUTH_MODE: "login", AUTH_USERS_FILE: missing }, { host: "0.0.0.0" })),
    ).toContain("ENOENT");
    const bad = join(mkdtempSync(join(tmpdir(), "auth-config-")), "users.json");
    writeFileSync(bad, JSON.stringify({ users: { alice: "plain-text-password" } }));
    expect(
      errorOf(() => loadAuthConfig({ AUTH_MODE: "login", AUTH_USERS_FILE: bad }, { host: "0.0.0.0" })),
    ).toContain("is not a scrypt hash");
  });

  it("uses a configured session secret, or a random one per start", async () => {
    const file = await usersFile();
    const secret = "s".repeat(40);
    const configured = loadAuthConfig(
      { AUTH_MODE: "login", AUTH_USERS_FILE: file, SESSION_SECRET: secret, AUTH_SESSION_HOURS: "2" },
      { host: "0.0.0.0" },
    );
    expect(configured).toMatchObject({ mode: "login", sessionSecret: secret, sessionTtlSeconds: 7200 });
    const a = loadAuthConfig({ AUTH_MODE: "login", AUTH_USERS_FILE: file }, { host: "0.0.0.0" });
    const b = loadAuthConfig({ AUTH_MODE: "login", AUTH_USERS_FILE: file }, { host: "0.0.0.0" });
    expect(a.mode === "login" && b.mode === "login" && a.sessionSecret !== b.sessionSecret).toBe(true);
    expect(a.mode === "login" && a.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("refuses a short session secret", async () => {
    const file = await usersFile();
    expect(
      errorOf(() =>
        loadAuthConfig(
          { AUTH_MODE: "login", AUTH_USERS_FILE: file, SESSION_SECRET: "short" },
          { host: "0.0.0.0" },
        ),
      ),
    ).toMatch(/^SESSION_SECRET: must be at least 32 characters/);
  });

  it("marks cookies Secure when the public origin is https or the BFF serves TLS itself", async () => {
    const file = await usersFile();
    const env = { AUTH_MODE: "login", AUTH_USERS_FILE: file };
    expect(loadAuthConfig(env, { host: "0.0.0.0" }).secureCookies).toBe(false);
    expect(
      loadAuthConfig({ ...env, PUBLIC_ORIGIN: "https://vouchers.example.com" }, { host: "0.0.0.0" })
        .secureCookies,
    ).toBe(true);
    expect(
      loadAuthConfig({ ...env, PUBLIC_ORIGIN: "http://vouchers.example.com" }, { host: "0.0.0.0" })
        .secureCookies,
    ).toBe(false);
    expect(loadAuthConfig(env, { host: "0.0.0.0", servesTls: true }).secureCookies).toBe(true);
  });
});

describe("trusted proxy settings", () => {
  it("needs the proxy addresses", () => {
    expect(errorOf(() => loadAuthConfig({ AUTH_MODE: "proxy" }, { host: "0.0.0.0" }))).toMatch(
      /^AUTH_MODE=proxy needs AUTH_TRUSTED_PROXIES/,
    );
  });

  it("lets built-in login trust a TLS proxy in front, for X-Forwarded-Proto", async () => {
    const env = { AUTH_MODE: "login", AUTH_USERS_FILE: await usersFile(), AUTH_TRUSTED_PROXIES: "10.0.0.5" };
    expect(loadAuthConfig(env, { host: "0.0.0.0" }).trustedProxies).toEqual(["10.0.0.5"]);
  });

  it("refuses an entry that is not an address or range", () => {
    expect(
      errorOf(() =>
        loadAuthConfig(
          { AUTH_MODE: "proxy", AUTH_TRUSTED_PROXIES: "10.0.0.5, proxy.internal" },
          { host: "0.0.0.0" },
        ),
      ),
    ).toBe('AUTH_TRUSTED_PROXIES: "proxy.internal" is not an IP address or CIDR range');
  });

  it("reads addresses, ranges, the header (case-insensitive) and the sign-out URL", () => {
    expect(
      loadAuthConfig(
        {
          AUTH_MODE: "proxy",
          AUTH_TRUSTED_PROXIES: " 10.0.0.5 , 192.168.0.0/16,::1 ",
          AUTH_PROXY_HEADER: "X-Auth-Request-Email",
          AUTH_PROXY_LOGOUT_URL: "/oauth2/sign_out",
        },
        { host: "0.0.0.0" },
      ),
    ).toEqual({
      mode: "proxy",
      header: "x-auth-request-email",
      trustedProxies: ["10.0.0.5", "192.168.0.0/16", "::1"],
      logoutUrl: "/oauth2/sign_out",
      secureCookies: false,
    });
  });

  it("defaults to oauth2-proxy's X-Forwarded-User and refuses an off-site http sign-out URL", () => {
    expect(
      loadAuthConfig({ AUTH_MODE: "proxy", AUTH_TRUSTED_PROXIES: "10.0.0.5" }, { host: "0.0.0.0" }),
    ).toMatchObject({
      header: "x-forwarded-user",
      logoutUrl: null,
    });
    expect(
      errorOf(() =>
        loadAuthConfig(
          {
            AUTH_MODE: "proxy",
            AUTH_TRUSTED_PROXIES: "10.0.0.5",
            AUTH_PROXY_LOGOUT_URL: "http://evil.example/",
          },
          { host: "0.0.0.0" },
        ),
      ),
    ).toMatch(/^AUTH_PROXY_LOGOUT_URL:/);
  });
});
