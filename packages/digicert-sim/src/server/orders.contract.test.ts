import { normalizeOrder, productNameIdOf } from "@voucher-desk/digicert";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServedRow } from "../data/generated-used-code.js";
import { type RunningSimulator, startSimulator } from "../start.js";
import { request } from "../test-support/http.js";

/** Contract of GET /services/v2/order/certificate/{id}: every code row's order exists and agrees with it. */
const KEY = "orders-key";
let sim: RunningSimulator;
const text = (value: unknown) => (typeof value === "number" ? String(value) : String(value ?? "")).trim();

beforeAll(async () => {
  sim = await startSimulator({ key: KEY, count: 800, seed: "orders-contract", rateLimits: [] });
});
afterAll(() => sim.close());

function order(id: string) {
  return request(sim, `/services/v2/order/certificate/${id}`, { "X-DC-DEVKEY": KEY });
}

/** The parts of an order info answer that a code row also states. */
interface OrderBody {
  certificate: { common_name?: string; valid_from?: string; valid_till?: string };
  organization?: { name?: string };
  product: { name?: string; name_id?: string };
  date_created?: string;
  order_valid_from?: string;
  order_valid_till?: string;
  order_validity?: unknown;
  is_multi_year_plan?: string;
  server_licenses?: number;
  status?: string;
}

/** Every disagreement between a code row and its order, as readable strings (empty = consistent). */
function disagreements(row: ServedRow, body: OrderBody): string[] {
  const problems: string[] = [];
  const check = (what: string, actual: unknown, expected: unknown) => {
    if (actual !== expected)
      problems.push(`${row.id} ${what}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  };
  const issued = text(row.cert_validity_start_date) !== "";
  const organization = text(row.cert_organization);
  check("common name", body.certificate.common_name, row.cert_common_name);
  check("organization", body.organization?.name, organization === "" ? undefined : organization);
  check("product name", body.product.name, row.product_name);
  check("product id", body.product.name_id, productNameIdOf(text(row.product_name)));
  check("requested", body.date_created, `${text(row.cert_request_date).replace(" ", "T")}+00:00`);
  check("cert from", body.certificate.valid_from, issued ? row.cert_validity_start_date : undefined);
  check("cert till", body.certificate.valid_till, issued ? row.cert_validity_end_date : undefined);
  check("order from", body.order_valid_from, issued ? row.order_valid_from : undefined);
  check("order till", body.order_valid_till, issued ? row.order_valid_till : undefined);
  check("status", body.status === "pending", !issued);
  const years = Number(row.validity_years);
  check(
    "plan",
    JSON.stringify(body.order_validity),
    JSON.stringify(years > 0 ? { years } : { days: Number(row.validity_days) }),
  );
  check("multi-year", body.is_multi_year_plan, years > 1 ? "1" : undefined);
  check("licenses", body.server_licenses, Number(row.server_licenses));
  return problems;
}

describe("certificate orders", () => {
  it("resolves every certificate_order_id to an order that agrees with its code row", async () => {
    const problems: string[] = [];
    for (const row of sim.control.codes) {
      const answer = await order(text(row.certificate_order_id));
      if (answer.status !== 200) {
        problems.push(`${row.id}: HTTP ${answer.status}`);
        continue;
      }
      problems.push(...disagreements(row, answer.json() as unknown as OrderBody));
    }
    expect(problems).toEqual([]);
  });

  it("answers in the shape the upstream contract reads", async () => {
    const issued = sim.control.codes.find((row) => text(row.cert_validity_start_date) !== "");
    const answer = await order(text(issued?.certificate_order_id));
    expect(answer.headers.get("content-type")).toBe("application/json");
    const details = normalizeOrder(answer.json());
    expect(details).toMatchObject({
      id: text(issued?.certificate_order_id),
      common_name: issued?.cert_common_name,
      valid_from: issued?.cert_validity_start_date,
      order_valid_till: issued?.order_valid_till,
    });
    expect(details.thumbprint).toMatch(/^[0-9A-F]{40}$/);
  });

  it("writes a 16+ digit order id as the exact JSON number, digits intact", async () => {
    const long = sim.control.codes.find((row) => text(row.certificate_order_id).length >= 16);
    const id = text(long?.certificate_order_id);
    expect(id.length).toBeGreaterThanOrEqual(16);
    const answer = await order(id);
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith(`{"id":${id},`)).toBe(true);
  });

  it("gives the same order for the same id every time", async () => {
    const first = await order("204928159");
    const second = await order("204928159");
    expect(first.json()).toEqual(second.json());
    expect(first.json()).toMatchObject({
      id: 204928159,
      status: "pending",
      product: { name_id: "ssl_basic" },
    });
  });

  it("answers 404 not_found|order to an id no code points at", async () => {
    const notFound = { errors: [{ code: "not_found|order", message: "The specified order was not found." }] };
    for (const id of ["1", "204928158999", "abc", "%20"]) {
      const answer = await order(id);
      expect(answer.status, id).toBe(404);
      expect(answer.json(), id).toEqual(notFound);
    }
  });
});
