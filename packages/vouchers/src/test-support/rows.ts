import type { UsedCode } from "@voucher-desk/digicert";

/** A used code like the seed document's first row, normalized; override what a test is about. */
export function usedCode(overrides: Partial<UsedCode> & { id: number }): UsedCode {
  return {
    value: `CODE${overrides.id}`,
    product_name: "Basic OV",
    no_of_fqdns: 5,
    no_of_wildcards: 0,
    shipping_method: "N/A",
    validity_years: 6,
    validity_days: 0,
    status: "used",
    created_date: "2022-03-03 13:31:03",
    voucher_order_id: 25252,
    cert_request_date: "2022-03-03 13:41:41",
    cert_validity_start_date: null,
    cert_validity_end_date: null,
    cert_organization: "Example Inc.",
    cert_common_name: "example.com",
    certificate_order_id: "204928159",
    voucher_validity_end_date: "2023-03-03",
    order_valid_from: null,
    order_valid_till: null,
    server_licenses: 1,
    ...overrides,
  };
}

/** mulberry32: a tiny seeded PRNG, so "random" test data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Characters that break naive URL, CSV and search handling. */
const NASTY = [
  ..."&,+%=?#;/\\\"' .-_~:@!*()[]{}<>|^`$",
  "\t",
  "\n",
  "\r",
  "é",
  "É",
  "ß",
  "ç",
  "ñ",
  "株",
  "式",
  "会",
  "社",
  "中",
  "😀",
  "\u00a0",
  "\u0301",
  "%20",
  "%25",
  "%2B",
  "..",
  "(blank)",
  "a",
  "Z",
  "0",
  "9",
];

/** A string of 1–12 pieces drawn from NASTY (never empty). */
export function nastyString(random: () => number): string {
  const length = 1 + Math.floor(random() * 12);
  let text = "";
  for (let i = 0; i < length; i++) text += pick(random, NASTY);
  return text;
}

const ORGS = [
  "Example Inc.",
  "Société Générale",
  "株式会社テスト",
  "acme corp",
  "ACME Corp",
  "Zeta GmbH",
  '=HYPERLINK("x")',
];
const PRODUCTS = [
  "Basic OV",
  "Secure Site Pro EV SSL",
  "GeoTrust Standard DV",
  "Standard SSL",
  "Acme Private CA",
];

/**
 * `count` realistic rows with blanks in every nullable field kind, bulk orders sharing one
 * created_date, long certificate order ids and unknown product names.
 */
export function generateRows(count: number, seed: number): UsedCode[] {
  const random = seededRandom(seed);
  const rows: UsedCode[] = [];
  const maybe = <T>(value: T, blankRate = 0.15): T | null => (random() < blankRate ? null : value);
  for (let i = 0; i < count; i++) {
    const day = `2024-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
    const time = pick(random, ["00:00:00", "12:30:00", "23:59:59"]);
    const issued = random() < 0.7;
    rows.push({
      id: 40000 + i * 7 + Math.floor(random() * 7),
      value: `V${Math.floor(random() * 1e9)}`,
      product_name: maybe(pick(random, PRODUCTS), 0.05),
      no_of_fqdns: maybe(Math.floor(random() * 10)),
      no_of_wildcards: maybe(Math.floor(random() * 3)),
      shipping_method: maybe(pick(random, ["N/A", "STANDARD", "EXPEDITED"])),
      validity_years: Math.floor(random() * 7),
      validity_days: 0,
      status: maybe("used", 0.05),
      created_date: `${day} ${time}`,
      voucher_order_id: 25000 + Math.floor(random() * 50),
      cert_request_date: maybe(`${day} 23:59:59`),
      cert_validity_start_date: issued ? day : null,
      cert_validity_end_date: issued ? `2025-${day.slice(5)}` : null,
      cert_organization: maybe(pick(random, ORGS)),
      cert_common_name: maybe(`host${Math.floor(random() * 40)}.example.com`),
      certificate_order_id: maybe(
        pick(random, ["9", "204928159", "9007199254740993", "9007199254740992", "123456789012345678901"]) +
          String(Math.floor(random() * 10)),
      ),
      voucher_validity_end_date: `2025-${day.slice(5)}`,
      order_valid_from: issued ? day : null,
      order_valid_till: issued ? `2027-${day.slice(5)}` : null,
      server_licenses: maybe(1 + Math.floor(random() * 3)),
    });
  }
  return rows;
}
