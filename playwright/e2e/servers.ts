/**
 * The servers the config starts, on fixed ports away from the dev defaults (3000, 4010):
 * - MAIN: the BFF with a key, against a simulator serving fixtures/quirky-used-codes.json.
 * - FAULTS: the same pair for error states; tests switch the simulator's faults, and its BFF
 *   keeps lists for 1 s so a fault reaches the page.
 * - DEMO: the BFF with no key (demo mode), as `pnpm start` runs it.
 */
export const MAIN = server(3311, 4311, "e2e-main-key");
export const FAULTS = server(3312, 4312, "e2e-faults-key");
export const DEMO = { port: 3313, url: "http://127.0.0.1:3313" } as const;

function server(port: number, simPort: number, key: string) {
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    simPort,
    simUrl: `http://127.0.0.1:${simPort}`,
    key,
  } as const;
}
