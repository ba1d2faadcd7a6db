/**
 * The simulator in its own process, with `count` generated codes (the seeded generator of
 * @voucher-desk/digicert-sim) and DigiCert's rate limits off: a benchmark measures work, and
 * the limits are tested elsewhere. Prints one line `SIM_READY {"baseUrl":…}` once it listens.
 */
import { startSimulator } from "@voucher-desk/digicert-sim";

const { count, seed, key } = JSON.parse(process.argv[2] ?? "{}");
const sim = await startSimulator({
  host: "127.0.0.1",
  port: 0,
  key,
  count,
  seed,
  rateLimits: [],
  controlRoutes: false,
});
console.log(`SIM_READY ${JSON.stringify({ baseUrl: sim.baseUrl })}`);
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => sim.close().then(() => process.exit(0)));
