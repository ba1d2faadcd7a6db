import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, devices } from "@playwright/test";
import { DEMO, FAULTS, HOSTILE_SIM, LOGIN, MAIN, PROXY } from "./e2e/servers";

/**
 * E2e runs against the built app: `node apps/bff/dist/server.js` serving `apps/web/dist`,
 * talking to the simulator over HTTP, exactly as in production with DigiCert. Build first
 * (`pnpm -r build`). Five BFFs, each with what its tests need (see e2e/servers.ts).
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const fixture = fileURLToPath(new URL("fixtures/quirky-used-codes.json", import.meta.url));
const hostileFixture = fileURLToPath(new URL("fixtures/hostile-used-codes.json", import.meta.url));
// A fixed name: the add-user command replaces the user in place on every run.
const usersFile = join(tmpdir(), "voucher-desk-e2e-users.json");

function simulator(port: number, key: string, fixtureFile = fixture) {
  return {
    command: `node packages/digicert-sim/dist/cli.js --port ${port} --key ${key} --fixture ${fixtureFile} --rate-limits off`,
    url: `http://127.0.0.1:${port}/__sim/faults`,
    cwd: root,
    reuseExistingServer: false,
    timeout: 30_000,
  };
}

function bff(port: number, env: Record<string, string>, before = "") {
  return {
    command: `${before}node apps/bff/dist/server.js`,
    url: `http://127.0.0.1:${port}/api/health`,
    cwd: root,
    env: { HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "warn", ...env },
    reuseExistingServer: false,
    timeout: 30_000,
  };
}

export default defineConfig({
  testDir: "./e2e",
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: `${root}/.reports/playwright.json` }]],
  outputDir: `${root}/test-results`,
  use: { baseURL: MAIN.url, trace: "retain-on-failure", acceptDownloads: true },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--disable-gpu", "--disable-quic"],
        },
      },
    },
  ],
  webServer: [
    simulator(MAIN.simPort, MAIN.key),
    bff(MAIN.port, { DIGICERT_API_KEY: MAIN.key, DIGICERT_BASE_URL: `${MAIN.simUrl}/services/v2` }),
    simulator(FAULTS.simPort, FAULTS.key),
    bff(FAULTS.port, {
      DIGICERT_API_KEY: FAULTS.key,
      DIGICERT_BASE_URL: `${FAULTS.simUrl}/services/v2`,
      // Short enough that an expired list and a slow DigiCert can be shown within a test.
      CACHE_TTL_SECONDS: "1",
      REFRESH_MIN_INTERVAL_SECONDS: "0",
      DIGICERT_TIMEOUT_SECONDS: "2",
    }),
    bff(DEMO.port, {}),
    simulator(HOSTILE_SIM.port, HOSTILE_SIM.key, hostileFixture),
    bff(
      LOGIN.port,
      {
        DIGICERT_API_KEY: HOSTILE_SIM.key,
        DIGICERT_BASE_URL: `${HOSTILE_SIM.url}/services/v2`,
        AUTH_MODE: "login",
        AUTH_USERS_FILE: usersFile,
        // The sign-in test refreshes right after the first load.
        REFRESH_MIN_INTERVAL_SECONDS: "0",
        E2E_PASSWORD: LOGIN.password,
      },
      // The users file comes from the add-user command, as an operator makes it.
      `printf '%s\\n' "$E2E_PASSWORD" | node apps/bff/dist/auth/add-user.js ${usersFile} ${LOGIN.user} && `,
    ),
    bff(PROXY.port, {
      DIGICERT_API_KEY: HOSTILE_SIM.key,
      DIGICERT_BASE_URL: `${HOSTILE_SIM.url}/services/v2`,
      AUTH_MODE: "proxy",
      AUTH_TRUSTED_PROXIES: "127.0.0.1",
      AUTH_PROXY_HEADER: PROXY.header,
      AUTH_PROXY_LOGOUT_URL: PROXY.logoutUrl,
    }),
  ],
});
