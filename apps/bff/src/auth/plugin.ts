import fastifyCookie from "@fastify/cookie";
import Tokens from "@fastify/csrf";
import proxyAddr from "@fastify/proxy-addr";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySession from "@fastify/session";
import { type ApiErrorCode, type SessionInfo, USER_NAME_MAX } from "@voucher-desk/vouchers";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { z } from "zod";
import type { AuthConfig } from "./config.js";
import { DEFAULT_COST, decoyHash, type ScryptCost, verifyPassword } from "./passwords.js";
import { BoundedSessionStore } from "./session-store.js";
import { readUsersFile } from "./users-file.js";

/**
 * Who may call /api. Every /api request is identified first (session, trusted proxy header, or
 * nobody in `none` mode); without an identity only the public routes answer. Every
 * state-changing /api request must also carry the CSRF token that `GET /api/session` hands out
 * (double-submit: the secret sits in a SameSite=Strict, HttpOnly cookie the page cannot read).
 * Register it before the routes so its hook guards all of them.
 */

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user, or null (nobody signed in, or `none` mode). */
    authUser: string | null;
  }
  interface Session {
    user?: string;
  }
}

export interface LoginLimit {
  /** Failed logins allowed per window before further attempts are refused with 429. */
  max: number;
  timeWindowMs: number;
}

export interface AuthPluginOptions {
  config: AuthConfig;
  /** /api route patterns anyone may call (liveness, readiness); session and login are always public. */
  publicRoutes?: readonly string[];
  /** Failed-login budgets, per client address and per user name. */
  loginLimits?: { perAddress: LoginLimit; perUser: LoginLimit };
  /** Upper bound on concurrent sessions (built-in login). */
  maxSessions?: number;
  /** Cost of the decoy hash checked for unknown user names: match the cost of real hashes. */
  decoyCost?: ScryptCost;
}

export const DEFAULT_LOGIN_LIMITS = {
  perAddress: { max: 10, timeWindowMs: 15 * 60_000 },
  perUser: { max: 20, timeWindowMs: 15 * 60_000 },
} as const;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const CSRF_HEADER = "x-csrf-token";

const loginBodySchema = z.object({
  username: z.string().min(1).max(USER_NAME_MAX),
  password: z.string().min(1).max(1024),
});

type AuthErrorCode = Extract<
  ApiErrorCode,
  "unauthorized" | "forbidden" | "bad_request" | "rate_limited" | "internal"
>;

function refuse(reply: FastifyReply, status: number, code: AuthErrorCode, message: string): FastifyReply {
  return reply.code(status).header("cache-control", "no-store").send({ error: { code, message } });
}

function isApiRequest(request: FastifyRequest): boolean {
  const path = request.url.split("?", 1)[0] ?? "";
  const pattern = request.routeOptions.url ?? "";
  return path === "/api" || path.startsWith("/api/") || pattern.startsWith("/api/");
}

/**
 * The browser says the request comes from another site: Fetch Metadata when sent (every
 * current browser), else an Origin that is not this host.
 */
function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string") return site !== "same-origin" && site !== "none";
  const origin = request.headers.origin;
  if (typeof origin !== "string") return false;
  try {
    const from = new URL(origin);
    // Through the origin's scheme, so a default port written out (Host: localhost:80) still matches.
    return from.host !== new URL(`${from.protocol}//${request.headers.host ?? ""}`).host;
  } catch {
    return true;
  }
}

/** The proxy's header value, when it is one plausible user name; anything else counts as absent. */
function headerUser(value: string | string[] | undefined): string | null {
  if (typeof value !== "string") return null;
  const user = value.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (user === "" || user.length > USER_NAME_MAX || /[\u0000-\u001f\u007f]/.test(user)) return null;
  return user;
}

async function auth(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const { config } = options;
  const limits = options.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  const publicRoutes = new Set(["/api/session", "/api/login", ...(options.publicRoutes ?? [])]);
  const cookiePrefix = config.secureCookies ? "__Host-" : "";
  const csrfCookie = `${cookiePrefix}vd_csrf`;
  // `__Host-` cookies must be Secure, Path=/ and carry no Domain; every cookie here follows that.
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: config.secureCookies,
  } as const;
  const tokens = Tokens();

  if (!app.hasRequestDecorator("cookies")) await app.register(fastifyCookie);
  app.decorateRequest("authUser", null);

  if (config.mode === "none" && config.explicit) {
    app.log.warn(
      "AUTH_MODE=none: no sign-in. Anyone who reaches this address can read the voucher data and spend the DigiCert key's request budget; keep it behind your own gate.",
    );
  }
  if (config.mode === "login" && !config.secureCookies) {
    app.log.warn(
      "Built-in login over plain HTTP: passwords and session cookies cross the network in clear unless this only listens on loopback. Serve it over TLS and set PUBLIC_ORIGIN=https://…",
    );
  }

  const sessionStore =
    config.mode === "login" ? new BoundedSessionStore(options.maxSessions ?? 10_000) : null;
  if (config.mode === "login" && sessionStore !== null) {
    await app.register(fastifySession, {
      secret: config.sessionSecret,
      cookieName: `${cookiePrefix}vd_session`,
      cookie: { ...cookieOptions, maxAge: config.sessionTtlSeconds * 1000 },
      saveUninitialized: false,
      rolling: false,
      store: sessionStore,
    });
  }

  const trustsPeer = config.mode === "proxy" ? proxyAddr.compile(config.trustedProxies) : () => false;

  function identify(request: FastifyRequest): string | null {
    switch (config.mode) {
      case "none":
        return null;
      case "login":
        return request.session.user ?? null;
      case "proxy": {
        // The socket's peer, not request.ip: X-Forwarded-For is as forgeable as the identity header.
        const peer = request.socket.remoteAddress;
        if (peer === undefined || !trustsPeer(peer, 0)) return null;
        return headerUser(request.headers[config.header]);
      }
    }
  }

  function csrfSecret(request: FastifyRequest): string | undefined {
    return request.cookies[csrfCookie];
  }

  /** A token for this browser's CSRF secret, setting a fresh secret when there is none (or `rotate`). */
  function csrfToken(request: FastifyRequest, reply: FastifyReply, rotate = false): string {
    const existing = rotate ? undefined : csrfSecret(request);
    if (existing !== undefined) return tokens.create(existing);
    const secret = tokens.secretSync();
    reply.setCookie(csrfCookie, secret, cookieOptions);
    return tokens.create(secret);
  }

  function sessionInfo(
    request: FastifyRequest,
    reply: FastifyReply,
    user: string | null,
    rotate = false,
  ): SessionInfo {
    return {
      mode: config.mode,
      user,
      csrfToken: csrfToken(request, reply, rotate),
      logoutUrl: config.mode === "proxy" ? config.logoutUrl : null,
    };
  }

  app.addHook("onRequest", async (request, reply) => {
    if (!isApiRequest(request)) return;
    request.authUser = identify(request);
    const isPublic = publicRoutes.has(request.routeOptions.url ?? "");
    if (config.mode !== "none" && request.authUser === null && !isPublic) {
      return refuse(
        reply,
        401,
        "unauthorized",
        config.mode === "login"
          ? "Sign in to use Voucher Desk."
          : "No signed-in user came with this request: open Voucher Desk through your organization's sign-in proxy.",
      );
    }
    if (!SAFE_METHODS.has(request.method)) {
      const secret = csrfSecret(request);
      const token = request.headers[CSRF_HEADER];
      const validToken = secret !== undefined && typeof token === "string" && tokens.verify(secret, token);
      // Without sign-in there is no ambient credential to ride on; refusing what the browser
      // marks as coming from another site is enough, and scripts (no Origin) keep working.
      const allowed = validToken || (config.mode === "none" && !isCrossSite(request));
      if (!allowed) {
        return refuse(
          reply,
          403,
          "forbidden",
          "This request lacks a valid CSRF token. Reload the page and try again.",
        );
      }
    }
  });

  app.get("/api/session", async (request, reply) => {
    reply.header("cache-control", "no-store");
    return sessionInfo(request, reply, request.authUser);
  });

  if (config.mode !== "login") return;
  const { usersFile } = config;
  const decoy = await decoyHash(options.decoyCost ?? DEFAULT_COST);

  // A child scope so the rate-limit plugin can be registered here whether or not the app has one.
  await app.register(async (scope) => {
    if (!scope.hasDecorator("createRateLimit")) {
      await scope.register(fastifyRateLimit, { global: false });
    }
    const failuresPerAddress = scope.createRateLimit({
      max: limits.perAddress.max,
      timeWindow: limits.perAddress.timeWindowMs,
      keyGenerator: (request) => `login-address:${request.ip}`,
    });
    const failuresPerUser = scope.createRateLimit({
      max: limits.perUser.max,
      timeWindow: limits.perUser.timeWindowMs,
      keyGenerator: (request) => `login-user:${(request.body as { username?: string }).username ?? ""}`,
    });

    scope.post("/api/login", async (request, reply) => {
      if (config.secureCookies && request.protocol !== "https") {
        // The session cookie is Secure: set over http it would never come back, and the password just crossed in clear.
        return refuse(
          reply,
          400,
          "bad_request",
          "Sign in over https. If a TLS proxy sits in front of this server, list its address in AUTH_TRUSTED_PROXIES.",
        );
      }
      const body = loginBodySchema.safeParse(request.body);
      if (!body.success) {
        return refuse(reply, 400, "bad_request", "Send a JSON body with a user name and a password.");
      }
      // Only failures are counted (read first, increment on failure), so a signed-in team never locks itself out.
      for (const limiter of [failuresPerAddress, failuresPerUser]) {
        const state = await limiter(request, { increment: false });
        if (!state.isAllowed && state.remaining === 0) {
          reply.header("retry-after", String(Math.max(1, state.ttlInSeconds)));
          return refuse(
            reply,
            429,
            "rate_limited",
            "Too many failed sign-in attempts. Wait a while, then try again.",
          );
        }
      }
      let users: ReadonlyMap<string, string>;
      try {
        users = readUsersFile(usersFile);
      } catch (error) {
        request.log.error({ err: error }, "users file unreadable");
        return refuse(
          reply,
          500,
          "internal",
          "Sign-in is unavailable: the server's users file cannot be read.",
        );
      }
      const stored = users.get(body.data.username);
      const matches = await verifyPassword(body.data.password, stored ?? decoy);
      if (stored === undefined || !matches) {
        await failuresPerAddress(request);
        await failuresPerUser(request);
        request.log.info({ user: body.data.username.slice(0, USER_NAME_MAX) }, "failed sign-in");
        return refuse(reply, 401, "unauthorized", "Wrong user name or password.");
      }
      // A new session id at sign-in, so an id planted before it (session fixation) is worthless.
      await request.session.regenerate();
      request.session.user = body.data.username;
      request.log.info({ user: body.data.username }, "signed in");
      reply.header("cache-control", "no-store");
      return sessionInfo(request, reply, body.data.username, true);
    });

    scope.post("/api/logout", async (request, reply) => {
      request.log.info({ user: request.authUser }, "signed out");
      await request.session.destroy();
      reply.header("cache-control", "no-store");
      return sessionInfo(request, reply, null, true);
    });
  });
}

export const authPlugin = fp(auth, { name: "voucher-desk-auth", fastify: "5.x" });
