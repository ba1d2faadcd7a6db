import type { FastifyInstance } from "fastify";
import type { ServedRow } from "../data/generated-used-code.js";
import { ROUTE_NOT_FOUND } from "./digicert-errors.js";
import { type Faults, type FaultsInput, faultsJsonSchema } from "./faults.js";
import type { RecordedRequest } from "./request-recorder.js";

/** What tests and the demo may do to a running simulator, in code or over HTTP. */
export interface SimulatorControl {
  /** The whole list being served, in its natural (id) order. */
  readonly codes: readonly ServedRow[];
  faults(): Faults;
  /** Replaces the fault set; fields left out take their defaults. Throws RangeError on bad input. */
  setFaults(faults: FaultsInput): Faults;
  clearFaults(): void;
  /** What reached the DigiCert routes, oldest first (control requests are not recorded). */
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** No faults, no recorded requests, empty rate-limit windows. */
  reset(): void;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** True for a client connecting from this machine (IPv4, IPv6 or IPv4-mapped loopback). */
export function isLoopbackAddress(address: string | undefined): boolean {
  return LOOPBACK.test(address ?? "");
}

/**
 * `/__sim/*`: for tests and the demo only. It lives outside /services/v2 so no DigiCert client
 * can reach it by accident, and it answers loopback clients only (anyone else gets the same
 * 404 as an unknown route), even when the simulator listens on another interface: the request
 * log it serves holds every header received, the API key included.
 */
export function registerControlRoutes(app: FastifyInstance, control: SimulatorControl): void {
  app.register(
    async (scope) => {
      scope.addHook("onRequest", async (request, reply) => {
        if (!isLoopbackAddress(request.socket.remoteAddress)) {
          return reply.code(404).type("application/json").send(JSON.stringify(ROUTE_NOT_FOUND));
        }
        return undefined;
      });
      scope.get("/faults", async () => control.faults());
      scope.put<{ Body: FaultsInput }>("/faults", { schema: { body: faultsJsonSchema } }, async (request) =>
        control.setFaults(request.body),
      );
      scope.delete("/faults", async () => {
        control.clearFaults();
        return control.faults();
      });
      scope.get("/requests", async () => ({ requests: control.requests() }));
      scope.delete("/requests", async (_request, reply) => {
        control.clearRequests();
        return reply.code(204).send();
      });
      scope.post("/reset", async (_request, reply) => {
        control.reset();
        return reply.code(204).send();
      });
    },
    { prefix: "/__sim" },
  );
}
