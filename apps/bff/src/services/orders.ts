import { DigicertPayloadError, normalizeOrder, type OrderDetails } from "@voucher-desk/digicert";
import { canonicalDigits } from "@voucher-desk/vouchers";
import type { Clock } from "../clock.js";
import type { DigicertClient } from "../digicert/client.js";
import { UpstreamError } from "../digicert/upstream-error.js";

/**
 * Certificate orders by id, normalized and kept for the TTL. Bounded (oldest write out first)
 * so a script walking every order cannot grow memory without limit. Concurrent requests for
 * one id are joined by the client's single-flight; failures are not cached.
 */
export class OrderService {
  readonly #entries = new Map<string, { order: OrderDetails; expiresAt: number }>();

  constructor(
    readonly client: DigicertClient,
    readonly ttlMs: number,
    readonly maxEntries: number,
    readonly clock: Clock,
  ) {}

  /** `orderId` is digits; "00204996062" is order 204996062 (a pasted, zero-padded id). */
  async get(digits: string): Promise<OrderDetails> {
    // Canonical before the cache and the upstream path: one entry per order, and DigiCert
    // answers 404 for the padded form.
    const orderId = canonicalDigits(digits);
    const cached = this.#entries.get(orderId);
    if (cached && cached.expiresAt > this.clock.now()) return cached.order;
    const order = readOrder(await this.client.getOrder(orderId), orderId);
    this.#entries.delete(orderId);
    this.#entries.set(orderId, { order, expiresAt: this.clock.now() + this.ttlMs });
    // A Map iterates in insertion order: the first key is the oldest write.
    while (this.#entries.size > this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
    return order;
  }
}

function readOrder(body: unknown, orderId: string): OrderDetails {
  try {
    return normalizeOrder(body, orderId);
  } catch (error) {
    if (error instanceof DigicertPayloadError) {
      throw new UpstreamError("bad_response", `DigiCert sent an unreadable order: ${error.message}`);
    }
    throw error;
  }
}
