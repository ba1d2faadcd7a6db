/**
 * Used codes for component tests, as the BFF sends them (normalized): one row per data-quirk
 * kind the dashboard must show, filter, sort and export correctly.
 */
import type { OrderDetails, UsedCode } from "@voucher-desk/digicert";
import type { UsedCodesResponse } from "@voucher-desk/vouchers";

let nextId = 49_000;

export function usedCode(overrides: Partial<UsedCode> = {}): UsedCode {
  nextId += 1;
  return {
    id: nextId,
    value: `CODE${String(nextId).padStart(28, "A")}`,
    product_name: "Basic OV",
    no_of_fqdns: 1,
    no_of_wildcards: 0,
    shipping_method: "N/A",
    validity_years: 1,
    validity_days: 0,
    status: "used",
    created_date: "2024-02-10 09:00:00",
    voucher_order_id: 25_252,
    cert_request_date: "2024-02-11 10:00:00",
    cert_validity_start_date: "2024-02-11",
    cert_validity_end_date: "2025-03-14",
    cert_organization: "Example Inc.",
    cert_common_name: "example.com",
    certificate_order_id: String(204_928_000 + nextId),
    voucher_validity_end_date: "2025-02-10",
    order_valid_from: "2024-02-11",
    order_valid_till: "2025-02-10",
    server_licenses: 1,
    ...overrides,
  };
}

export const HUGE_ORDER_ID = "98765432109876543210";
export const E7_CODE = "333333333333333333333333333333E7";
export const FORMULA_ORG = '=HYPERLINK("http://evil.example","click")';
export const LONG_ORG =
  "The Extraordinarily Long Organization Name of Universal Certificate Holders GmbH & Co. KG";

export function quirkyCodes(): UsedCode[] {
  return [
    usedCode({ id: 49170, value: "ZVB3LWIH3H3U53AOZU5QZ4W4TUTRPPCS", certificate_order_id: "204928159" }),
    usedCode({
      id: 49171,
      product_name: "Basic OV",
      cert_organization: null,
      created_date: "2024-03-31 23:59:59",
    }),
    usedCode({
      id: 49172,
      product_name: "Secure Site Pro EV SSL",
      cert_organization: "Société Générale",
      no_of_fqdns: 5,
    }),
    usedCode({
      id: 49173,
      product_name: "Secure Site Pro EV SSL",
      cert_organization: "株式会社テスト",
      no_of_fqdns: 3,
    }),
    usedCode({
      id: 49174,
      product_name: "GeoTrust Standard DV",
      cert_organization: FORMULA_ORG,
      no_of_fqdns: 2,
    }),
    usedCode({
      id: 49175,
      value: E7_CODE,
      certificate_order_id: HUGE_ORDER_ID,
      created_date: "2024-04-01 00:00:00",
    }),
    usedCode({
      id: 49176,
      cert_organization: LONG_ORG,
      cert_validity_start_date: null,
      cert_validity_end_date: null,
      order_valid_from: null,
      order_valid_till: null,
      certificate_order_id: null,
      created_date: "2024-01-01 00:00:00",
    }),
    usedCode({
      id: 49177,
      product_name: "Basic OV",
      cert_organization: "example inc. subsidiary",
      no_of_fqdns: 10,
    }),
    usedCode({ id: 49178, product_name: "GeoTrust Standard DV", certificate_order_id: "9", no_of_fqdns: 1 }),
    usedCode({
      id: 49179,
      product_name: "Basic OV",
      certificate_order_id: "10",
      cert_common_name: "shop.example.org",
    }),
  ];
}

export function usedCodesResponse(
  codes: UsedCode[],
  overrides: Partial<UsedCodesResponse> = {},
): UsedCodesResponse {
  return {
    codes,
    fetchedAt: "2026-12-03T09:15:00.000Z",
    source: "digicert",
    region: "us",
    stale: false,
    ...overrides,
  };
}

export function orderDetails(id: string, overrides: Partial<OrderDetails> = {}): OrderDetails {
  return {
    id,
    status: "issued",
    product: { name_id: "ssl_basic", name: "Basic OV" },
    common_name: "example.com",
    dns_names: ["example.com", "www.example.com"],
    organization: { name: "Example Inc.", city: "Lehi", state: "Utah", country: "us" },
    valid_from: "2024-02-11",
    valid_till: "2025-03-14",
    days_remaining: 101,
    date_created: "2024-02-11T10:00:00+00:00",
    date_issued: "2024-02-11T10:05:00+00:00",
    requester: { name: "Ada Lovelace", email: "ada@example.com" },
    serial_number: "0A1B2C",
    thumbprint: "ABCDEF",
    signature_hash: "sha256",
    key_size: 2048,
    order_valid_from: "2024-02-11",
    order_valid_till: "2025-02-10",
    is_multi_year_plan: false,
    validity_years: 1,
    order_validity_years: 1,
    ...overrides,
  };
}
