import type { Clock } from "../clock.js";
import type { DigicertClient } from "../digicert/client.js";
import { SingleFlight } from "../single-flight.js";

/** How long one readiness answer is reused: probes must not spend the shared budget. */
const CHECK_TTL_MS = 30_000;

export type Readiness = { ready: true; checkedAt: Date } | { ready: false; checkedAt: Date; error: unknown };

/**
 * "Upstream reachable and key accepted", checked with the smallest real call (one used code)
 * and remembered for 30 s, so a load balancer polling every second costs two calls a minute.
 */
export class ReadinessCheck {
  readonly #flight = new SingleFlight<Readiness>();
  #last: Readiness | undefined;

  constructor(
    readonly client: DigicertClient,
    readonly clock: Clock,
  ) {}

  check(): Promise<Readiness> {
    const last = this.#last;
    if (last && this.clock.now() - last.checkedAt.getTime() < CHECK_TTL_MS) return Promise.resolve(last);
    return this.#flight.run("ready", async () => {
      const checkedAt = new Date(this.clock.now());
      let result: Readiness;
      try {
        await this.client.listUsedCodes({ limit: 1, offset: 0, sort: "id" });
        result = { ready: true, checkedAt };
      } catch (error) {
        result = { ready: false, checkedAt, error };
      }
      this.#last = result;
      return result;
    });
  }
}
