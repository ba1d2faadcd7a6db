/**
 * The servers the config starts, on fixed ports away from the dev defaults (3000, 4010):
 * - MAIN: the BFF with a key, against a simulator serving fixtures/quirky-used-codes.json.
 * - FAULTS: the same pair for error states; tests switch the simulator's faults, and its BFF
 *   keeps lists for 1 s so a fault reaches the page.
 * - DEMO: the BFF with no key (demo mode), as `pnpm start` runs it.
 * - LOGIN and PROXY: one BFF per sign-in mode, both against a simulator serving
 *   fixtures/hostile-used-codes.json (markup and script in organization and common name).
 *   LOGIN's users file is made at start by the add-user command; PROXY trusts 127.0.0.1, so
 *   the browser itself plays the sign-in proxy by sending the identity header.
 */
export const MAIN = server(3311, 4311, "e2e-main-key");
export const FAULTS = server(3312, 4312, "e2e-faults-key");
export const DEMO = { port: 3313, url: "http://127.0.0.1:3313" } as const;
export const HOSTILE_SIM = { port: 4314, url: "http://127.0.0.1:4314", key: "e2e-auth-key" } as const;
export const LOGIN = {
  port: 3314,
  url: "http://127.0.0.1:3314",
  user: "alice",
  password: "e2e password, long enough",
} as const;
export const PROXY = {
  port: 3315,
  url: "http://127.0.0.1:3315",
  header: "X-Forwarded-User",
  user: "bob@example.com",
  logoutUrl: "/oauth2/sign_out",
} as const;

function server(port: number, simPort: number, key: string) {
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    simPort,
    simUrl: `http://127.0.0.1:${simPort}`,
    key,
  } as const;
}
