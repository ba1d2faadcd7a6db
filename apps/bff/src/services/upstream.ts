import { randomBytes } from "node:crypto";
import { startSimulator } from "@voucher-desk/digicert-sim";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import { InMemoryBudget, type OutboundBudget } from "../digicert/budget.js";
import { DigicertClient } from "../digicert/client.js";
import { Secret } from "../secret.js";
import { VERSION } from "../version.js";
import type { SnapshotMeta } from "./used-codes-snapshot.js";

export interface Upstream {
  client: DigicertClient;
  budget: OutboundBudget;
  meta: SnapshotMeta;
  close(): Promise<void>;
}

/**
 * The upstream the BFF reads from: DigiCert with the configured key, or, with no key, the
 * simulator started in this process on a loopback port with a throwaway key (demo mode).
 * Either way the rest of the BFF sees one DigiCert client and cannot tell the difference,
 * except for `source` in the answers.
 */
export async function connectUpstream(
  config: Config,
  logger: FastifyBaseLogger,
  clock: Clock,
): Promise<Upstream> {
  const budget = new InMemoryBudget(config.client.budget, clock);
  const clientFor = (baseUrl: string, apiKey: Secret) =>
    new DigicertClient({
      ...config.client,
      baseUrl,
      apiKey,
      budget,
      clock,
      logger,
      userAgent: `VoucherDesk/${VERSION}`,
    });

  const { upstream } = config;
  if (upstream.kind === "digicert") {
    const client = clientFor(upstream.baseUrl, upstream.apiKey);
    return {
      client,
      budget,
      meta: { source: "digicert", region: upstream.region },
      close: () => client.close(),
    };
  }

  const demoKey = randomBytes(24).toString("hex");
  const simulator = await startSimulator({
    host: "127.0.0.1",
    port: 0,
    key: demoKey,
    count: upstream.codes,
    seed: upstream.seed,
  });
  const client = clientFor(simulator.baseUrl, new Secret(demoKey));
  logger.info(
    { codes: upstream.codes, seed: upstream.seed },
    "demo mode: no DigiCert key is set, so the dashboard shows simulated data (set DIGICERT_API_KEY or DIGICERT_API_KEY_FILE to use your account)",
  );
  return {
    client,
    budget,
    meta: { source: "demo", region: null },
    close: async () => {
      await client.close();
      await simulator.close();
    },
  };
}
