import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { isIPv4 } from "node:net";
import proxyAddr from "@fastify/proxy-addr";
import { AUTH_MODES } from "@voucher-desk/vouchers";
import { z } from "zod";
import { readUsersFile, UsersFileError } from "./users-file.js";

/**
 * Who may use the dashboard, read from the environment once at start.
 *
 * The rule: a BFF listening on loopback needs no login. On any other address it refuses to
 * start until one of three modes is chosen, because whoever reaches the dashboard can spend the
 * DigiCert key. `none` is the explicit opt-out for people who already run their own gate.
 */

interface CommonAuthConfig {
  /**
   * The browser reaches us over https (TLS here or at a proxy in front): cookies get `Secure`
   * and the `__Host-` prefix.
   */
  secureCookies: boolean;
  /**
   * Addresses or CIDR ranges of the reverse proxies in front (AUTH_TRUSTED_PROXIES). Only they
   * may set X-Forwarded-Proto/-For (Fastify's `trustProxy`) and, in proxy mode, the identity header.
   */
  trustedProxies: string[];
}

export type AuthConfig = CommonAuthConfig &
  (
    | {
        mode: "none";
        /** Chosen with AUTH_MODE=none (warned about on every start), not implied by loopback. */
        explicit: boolean;
      }
    | {
        mode: "login";
        usersFile: string;
        /** Signs the session cookie; random per start when not configured. */
        sessionSecret: string;
        sessionTtlSeconds: number;
      }
    | {
        mode: "proxy";
        /** Lower-case header name carrying the signed-in user, e.g. `x-forwarded-user`. */
        header: string;
        /** Where "Sign out" sends the browser, e.g. oauth2-proxy's `/oauth2/sign_out`. */
        logoutUrl: string | null;
      }
  );

export class AuthConfigError extends Error {
  override name = "AuthConfigError";
}

/** Listening here is reachable from this machine only. Host names other than localhost may resolve anywhere. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  return isIPv4(bare) && bare.startsWith("127.");
}

export const AUTH_OPTIONS_HELP =
  "Choose who may use it: AUTH_MODE=login with AUTH_USERS_FILE (add users with `pnpm add-user`), " +
  "AUTH_MODE=proxy with AUTH_TRUSTED_PROXIES (behind a sign-in proxy such as oauth2-proxy), " +
  "or AUTH_MODE=none if your own gate already guards this address.";

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const envSchema = z.object({
  AUTH_MODE: optionalText.pipe(
    z.enum(AUTH_MODES, { error: 'must be "login", "proxy" or "none"' }).optional(),
  ),
  AUTH_USERS_FILE: optionalText,
  SESSION_SECRET: optionalText.pipe(
    z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 48`)").optional(),
  ),
  SESSION_SECRET_FILE: optionalText,
  AUTH_SESSION_HOURS: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number of hours")
      .transform(Number)
      .pipe(z.number().int().min(1).max(720))
      .optional()
      .default(8),
  ),
  AUTH_PROXY_HEADER: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, "must be a header name such as X-Forwarded-User")
      .transform((name) => name.toLowerCase())
      .optional()
      .default("x-forwarded-user"),
  ),
  AUTH_TRUSTED_PROXIES: optionalText,
  AUTH_PROXY_LOGOUT_URL: optionalText.pipe(
    z
      .string()
      .refine(
        (url) => url.startsWith("/") || /^https:\/\//.test(url),
        "must be a path on this site (/oauth2/sign_out) or an https URL",
      )
      .optional(),
  ),
  PUBLIC_ORIGIN: optionalText.pipe(
    z
      .url({
        protocol: /^https?$/,
        error: "must be the origin browsers use, e.g. https://vouchers.example.com",
      })
      .optional(),
  ),
});

function readSecretFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8").trim();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new AuthConfigError(`SESSION_SECRET_FILE: cannot read ${path} (${reason})`);
  }
  if (text.length < 32)
    throw new AuthConfigError(`SESSION_SECRET_FILE: ${path} must hold at least 32 characters`);
  return text;
}

function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Parses the auth variables for a BFF that will listen on `host` (and, if it terminates TLS
 * itself, `servesTls`). Throws an AuthConfigError with one readable line.
 */
export function loadAuthConfig(
  env: NodeJS.ProcessEnv,
  listen: { host: string; servesTls?: boolean },
): AuthConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuthConfigError(
      `${issue?.path.join(".") ?? "environment"}: ${issue?.message ?? "invalid value"}`,
    );
  }
  const vars = parsed.data;
  const secureCookies = listen.servesTls === true || vars.PUBLIC_ORIGIN?.startsWith("https:") === true;
  const trustedProxies = (vars.AUTH_TRUSTED_PROXIES ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const entry of trustedProxies) {
    try {
      proxyAddr.compile(entry);
    } catch {
      throw new AuthConfigError(`AUTH_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
  }
  const common = { secureCookies, trustedProxies };

  switch (vars.AUTH_MODE) {
    case undefined:
      if (!isLoopbackHost(listen.host)) {
        throw new AuthConfigError(
          `Refusing to listen on ${listen.host} without sign-in: anyone who reaches it could use the DigiCert key. ${AUTH_OPTIONS_HELP}`,
        );
      }
      return { mode: "none", explicit: false, ...common };
    case "none":
      return { mode: "none", explicit: true, ...common };
    case "login": {
      if (vars.AUTH_USERS_FILE === undefined) {
        throw new AuthConfigError(
          "AUTH_MODE=login needs AUTH_USERS_FILE: a file of users and scrypt hashes; create it with `pnpm add-user -- <file> <name>`",
        );
      }
      try {
        readUsersFile(vars.AUTH_USERS_FILE);
      } catch (error) {
        if (error instanceof UsersFileError) throw new AuthConfigError(`AUTH_USERS_FILE: ${error.message}`);
        throw error;
      }
      if (vars.SESSION_SECRET !== undefined && vars.SESSION_SECRET_FILE !== undefined) {
        throw new AuthConfigError("SESSION_SECRET and SESSION_SECRET_FILE are both set; keep one");
      }
      const sessionSecret =
        vars.SESSION_SECRET ??
        (vars.SESSION_SECRET_FILE === undefined ? randomSecret() : readSecretFile(vars.SESSION_SECRET_FILE));
      return {
        mode: "login",
        usersFile: vars.AUTH_USERS_FILE,
        sessionSecret,
        sessionTtlSeconds: vars.AUTH_SESSION_HOURS * 3600,
        ...common,
      };
    }
    case "proxy": {
      if (trustedProxies.length === 0) {
        throw new AuthConfigError(
          "AUTH_MODE=proxy needs AUTH_TRUSTED_PROXIES: the addresses (or CIDR ranges) of the sign-in proxy, e.g. 10.0.0.5 or 10.0.0.0/24",
        );
      }
      return {
        mode: "proxy",
        header: vars.AUTH_PROXY_HEADER,
        logoutUrl: vars.AUTH_PROXY_LOGOUT_URL ?? null,
        ...common,
      };
    }
  }
}
