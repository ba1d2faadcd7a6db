import { buildApp } from "./app.js";
import { type AuthConfig, AuthConfigError, loadAuthConfig } from "./auth/config.js";
import { ConfigError, loadConfig } from "./config.js";
import { hideHarmlessWarnings, runningMessage } from "./startup-messages.js";

/** A request still running after this long does not hold up shutdown any longer. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Starts the BFF: reads the configuration (a bad value ends the process with one line), listens
 * and says where in one human line (stderr, so stdout stays JSON logs), and on SIGTERM/SIGINT stops accepting connections, lets requests in flight finish, then exits.
 */
async function main(): Promise<void> {
  hideHarmlessWarnings();
  let config: ReturnType<typeof loadConfig>;
  let auth: AuthConfig;
  try {
    config = loadConfig();
    // The start-time rule: off loopback, no start without a way to sign in (or an explicit opt-out).
    auth = loadAuthConfig(process.env, { host: config.host });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AuthConfigError) {
      process.stderr.write(`Voucher Desk cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const app = await buildApp(config, { auth });
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: finishing requests in flight");
    const force = setTimeout(() => {
      app.log.error("requests still running after the grace period; exiting anyway");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);

  const address = await app.listen({ host: config.host, port: config.port });
  process.stderr.write(`${runningMessage(address, config.upstream)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Voucher Desk failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
