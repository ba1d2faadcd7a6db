import { describe, expect, it } from "vitest";
import { DigicertPayloadError } from "./errors.js";
import { normalizeOrder, type OrderDetails, orderDetailsSchema } from "./order.js";
import { rawOrderFixture } from "./test-support/order.js";

const ISSUED: OrderDetails = {
  id: "204928159",
  status: "issued",
  product: { name_id: "ssl_basic", name: "Basic OV" },
  common_name: "example.com",
  dns_names: ["example.com", "www.example.com"],
  organization: { name: "Example Inc.", city: "Lindon", state: "Utah", country: "us" },
  valid_from: "2022-03-04",
  valid_till: "2023-04-04",
  days_remaining: 120,
  date_created: "2022-03-03T13:41:41+00:00",
  date_issued: "2022-03-04T09:12:00+00:00",
  requester: { name: "Jane Doe", email: "jane@example.com" },
  serial_number: "0669D46CAE79EF684A69777490602485",
  thumbprint: "7D236B54D19D5EACF0881FAF24D51DFE5D23E945",
  signature_hash: "sha256",
  key_size: 2048,
  order_valid_from: "2022-03-04",
  order_valid_till: "2028-03-03",
  is_multi_year_plan: true,
  validity_years: 1,
  order_validity_years: 6,
};

function withCertificate(changes: Record<string, unknown>): Record<string, unknown> {
  const raw = rawOrderFixture();
  return { ...raw, certificate: { ...(raw.certificate as object), ...changes } };
}

describe("normalizeOrder", () => {
  it("reads the documented order info, keeping dates as sent", () => {
    const order = normalizeOrder(rawOrderFixture());
    expect(order).toEqual(ISSUED);
    expect(orderDetailsSchema.parse(order)).toEqual(order);
  });

  it("reads numbers sent as strings and ids sent as strings, exactly", () => {
    const order = normalizeOrder({
      ...withCertificate({ days_remaining: "0", key_size: "4096" }),
      id: "12345678901234567890",
      validity_years: "2",
      order_validity: { years: "3" },
    });
    expect(order.id).toBe("12345678901234567890");
    expect([order.days_remaining, order.key_size, order.validity_years, order.order_validity_years]).toEqual([
      0, 4096, 2, 3,
    ]);
  });

  it.each([
    ['[" "]', [" "], []],
    ["[]", [], []],
    [
      "blanks among names",
      ["", "a.example.com", "  ", " b.example.com "],
      ["a.example.com", "b.example.com"],
    ],
    ["a non-string entry", ["a.example.com", null, 7], ["a.example.com"]],
    ["a single string", "solo.example.com", ["solo.example.com"]],
    ["a single blank string", " ", []],
    ["missing", undefined, []],
  ])("dns_names %s → %j", (_label, dnsNames, expected) => {
    expect(normalizeOrder(withCertificate({ dns_names: dnsNames })).dns_names).toEqual(expected);
  });

  it.each([
    ["1", true],
    [1, true],
    [true, true],
    ["0", false],
    [0, false],
    [false, false],
    [" ", false],
    [undefined, false],
  ])("is_multi_year_plan %j → %j", (flag, expected) => {
    expect(normalizeOrder({ ...rawOrderFixture(), is_multi_year_plan: flag }).is_multi_year_plan).toBe(
      expected,
    );
  });

  it("reads an order whose certificate is not issued yet", () => {
    const raw = withCertificate({
      date_issued: undefined,
      valid_from: " ",
      valid_till: "",
      days_remaining: " ",
    });
    const order = normalizeOrder({ ...raw, status: "pending", order_valid_from: " ", order_valid_till: " " });
    expect(order).toEqual({
      ...ISSUED,
      status: "pending",
      date_issued: null,
      valid_from: null,
      valid_till: null,
      days_remaining: null,
      order_valid_from: null,
      order_valid_till: null,
    });
  });

  it("reads a minimal order: everything but the id absent", () => {
    const order = normalizeOrder({ id: 42 });
    expect(order).toEqual({
      id: "42",
      status: null,
      product: { name_id: null, name: null },
      common_name: null,
      dns_names: [],
      organization: { name: null, city: null, state: null, country: null },
      valid_from: null,
      valid_till: null,
      days_remaining: null,
      date_created: null,
      date_issued: null,
      requester: null,
      serial_number: null,
      thumbprint: null,
      signature_hash: null,
      key_size: null,
      order_valid_from: null,
      order_valid_till: null,
      is_multi_year_plan: false,
      validity_years: null,
      order_validity_years: null,
    });
    expect(orderDetailsSchema.safeParse(order).success).toBe(true);
  });

  it("falls back where DigiCert puts a value elsewhere", () => {
    const raw = withCertificate({ cert_validity: { years: "2" } });
    delete raw.validity_years;
    delete raw.date_created;
    const order = normalizeOrder({
      ...raw,
      product: null,
      product_name_id: "ssl_plus",
      organization: { display_name: "Example Display" },
      user: { first_name: " ", last_name: "Doe", email: "" },
    });
    expect(order.validity_years).toBe(2);
    expect(order.date_created).toBe("2022-03-03T13:41:41+00:00");
    expect(order.product).toEqual({ name_id: "ssl_plus", name: null });
    expect(order.organization).toEqual({ name: "Example Display", city: null, state: null, country: null });
    expect(order.requester).toEqual({ name: "Doe", email: null });
  });

  it("has no requester when the user carries neither name nor email", () => {
    expect(
      normalizeOrder({ ...rawOrderFixture(), user: { id: 1, first_name: "", email: " " } }).requester,
    ).toBeNull();
  });

  it("takes the requested id over a JSON number id that lost its digits", () => {
    const lossy = JSON.parse(`{"id": 12345678901234567890, "status": "issued"}`);
    expect(normalizeOrder(lossy, "12345678901234567890").id).toBe("12345678901234567890");
    expect(normalizeOrder({ ...rawOrderFixture(), id: 204928159 }, "204928159").id).toBe("204928159");
  });

  it.each([
    [{ ...rawOrderFixture(), id: " " }, "order info: id is missing or blank"],
    [{ status: "issued" }, "order info: id is missing or blank"],
    [
      { ...rawOrderFixture(), id: 2 ** 60 },
      expect.stringContaining("order info: id: an id arrived as the JSON number"),
    ],
    [{ ...rawOrderFixture(), certificate: "x" }, expect.stringMatching(/^order info: certificate: /)],
    [withCertificate({ key_size: "big" }), 'order info: certificate.key_size: expected a number, got "big"'],
    [null, expect.stringMatching(/^order info: /)],
    ["<html></html>", expect.stringMatching(/^order info: /)],
  ])("throws a payload error for %j", (raw, message) => {
    let thrown: unknown;
    try {
      normalizeOrder(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DigicertPayloadError);
    expect((thrown as Error).message).toEqual(message);
  });
});
