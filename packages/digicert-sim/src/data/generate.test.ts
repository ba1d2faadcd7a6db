import { productNameIdOf } from "@voucher-desk/digicert";
import { describe, expect, it } from "vitest";
import { FLOAT_LOOKING_CODE, generateUsedCodes, MAX_GENERATED_CODES } from "./generate.js";
import { type GeneratedUsedCode, SEED_ROWS } from "./generated-used-code.js";
import { addYears, DAY_MS, formatDate, parseWallClock } from "./wall-clock.js";

const rows = generateUsedCodes({ count: 20_000, seed: "generator-test" });
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function groupBy<K>(list: readonly GeneratedUsedCode[], key: (row: GeneratedUsedCode) => K) {
  const groups = new Map<K, GeneratedUsedCode[]>();
  for (const row of list) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

describe("generateUsedCodes: determinism and size", () => {
  it("gives the same rows for the same seed and different rows for another", () => {
    const again = generateUsedCodes({ count: 20_000, seed: "generator-test" });
    expect(again).toEqual(rows);
    const other = generateUsedCodes({ count: 20_000, seed: "another seed" });
    expect(other.map((row) => row.value)).not.toEqual(rows.map((row) => row.value));
  });

  it("returns exactly count rows, the seed rows first when count is tiny", () => {
    for (const count of [0, 1, 2, 3, 4, 57, 1234]) {
      expect(generateUsedCodes({ count, seed: 7 })).toHaveLength(count);
    }
    expect(generateUsedCodes({ count: 2, seed: 7 })).toEqual(SEED_ROWS.slice(0, 2));
  });

  it("refuses a count that is not a whole number in range", () => {
    for (const count of [-1, 1.5, Number.NaN, MAX_GENERATED_CODES + 1]) {
      expect(() => generateUsedCodes({ count, seed: 1 })).toThrow(RangeError);
    }
  });
});

describe("generateUsedCodes: the seed document's rows", () => {
  it("holds the three example rows verbatim, 49170 with its JSON values", () => {
    for (const seedRow of SEED_ROWS) {
      expect(rows.find((row) => row.id === seedRow.id)).toEqual(seedRow);
    }
    expect(rows.find((row) => row.id === 49170)?.value).toBe("ZVB3LWIH3H3U53AOZU5QZ4W4TUTRPPCS");
  });

  it("numbers every other row around them, so ids, orders and creation dates rise together", () => {
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(new Set(rows.map((row) => row.certificate_order_id)).size).toBe(rows.length);
    const outOfOrder = rows.filter((current, i) => {
      const previous = rows[i - 1];
      return (
        previous !== undefined &&
        (current.id <= previous.id ||
          current.voucher_order_id < previous.voucher_order_id ||
          current.created_date < previous.created_date)
      );
    });
    expect(outOfOrder).toEqual([]);
    expect(rows.some((row) => row.id < 49170)).toBe(true);
    expect(rows.some((row) => row.id > 49179)).toBe(true);
  });
});

describe("generateUsedCodes: realistic data", () => {
  it("gives every voucher order one created_date, with bulk orders big enough to page over", () => {
    const orders = groupBy(rows, (row) => row.voucher_order_id);
    for (const codes of orders.values()) {
      expect(new Set(codes.map((row) => row.created_date)).size).toBe(1);
    }
    const sizes = [...orders.values()].map((codes) => codes.length);
    expect(sizes.filter((size) => size >= 2).length).toBeGreaterThan(orders.size / 3);
    expect(Math.max(...sizes)).toBeGreaterThan(1000);
  });

  it("weights products like a partner's book: mostly DV and Basic OV, some EV, a few code signing", () => {
    const share = (test: (nameId: string) => boolean) =>
      rows.filter((row) => test(productNameIdOf(row.product_name))).length / rows.length;
    const dvOrBasic = share((id) => id === "ssl_basic" || id.includes("_dv"));
    const ev = share((id) => id.includes("_ev"));
    const codeSigning = share((id) => id.startsWith("code_signing"));
    expect(dvOrBasic).toBeGreaterThan(0.5);
    expect(ev).toBeGreaterThan(0.005);
    expect(ev).toBeLessThan(dvOrBasic / 3);
    expect(codeSigning).toBeGreaterThan(0);
    expect(codeSigning).toBeLessThan(0.1);
    expect(rows.every((row) => !productNameIdOf(row.product_name).startsWith("x_"))).toBe(true);
  });

  it("spreads creation dates over several years and keeps requests inside the voucher's year", () => {
    const years = new Set(rows.map((row) => row.created_date.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(4);
    const wrong = rows.filter(
      (row) =>
        !DATE_TIME.test(row.created_date) ||
        !DATE_TIME.test(row.cert_request_date) ||
        row.voucher_validity_end_date !==
          formatDate(addYears(parseWallClock(row.created_date.slice(0, 10)), 1)) ||
        row.cert_request_date <= row.created_date ||
        row.cert_request_date.slice(0, 10) > row.voucher_validity_end_date,
    );
    expect(wrong).toEqual([]);
  });

  it("sells multi-year plans up to 6 years, and some plans in days", () => {
    const plans = new Set(rows.map((row) => row.validity_years));
    expect([...plans].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rows.filter((row) => (row.validity_years === 0) !== row.validity_days > 0)).toEqual([]);
  });

  it("leaves some certificates unissued (all four dates a single space) and dates the issued ones consistently", () => {
    const unissued = rows.filter((row) => row.order_valid_till === " ");
    expect(unissued.length).toBeGreaterThan(rows.length / 100);
    expect(
      unissued.filter((row) =>
        [row.cert_validity_start_date, row.cert_validity_end_date, row.order_valid_from].some(
          (date) => date !== " ",
        ),
      ),
    ).toEqual([]);
    const inconsistent = rows
      .filter((row) => row.order_valid_till !== " ")
      .filter((row) => {
        const planDays =
          (parseWallClock(row.order_valid_till) - parseWallClock(row.order_valid_from)) / DAY_MS;
        const expectedDays = row.validity_years > 0 ? row.validity_years * 365 : row.validity_days;
        return (
          ![row.cert_validity_start_date, row.cert_validity_end_date, row.order_valid_from].every((date) =>
            DATE.test(date),
          ) ||
          row.cert_validity_start_date < row.cert_request_date.slice(0, 10) ||
          row.order_valid_from !== row.cert_validity_start_date ||
          row.cert_validity_end_date <= row.cert_validity_start_date ||
          row.cert_validity_end_date > row.order_valid_till ||
          Math.abs(planDays - expectedDays) > row.validity_years + 1
        );
      });
    expect(inconsistent).toEqual([]);
  });

  it("has the organizations that break naive tools: non-ASCII, blank (DV only), commas and quotes", () => {
    const organizations = new Set(rows.map((row) => row.cert_organization));
    expect(organizations).toContain("Société Générale");
    expect([...organizations].some((name) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(name))).toBe(true);
    expect([...organizations].some((name) => name.includes(",") || name.includes('"'))).toBe(true);
    const blank = rows.filter((row) => row.cert_organization === "");
    expect(blank.length).toBeGreaterThan(0);
    expect(blank.every((row) => productNameIdOf(row.product_name).includes("_dv"))).toBe(true);
  });

  it("has long common names, 16+ digit order ids, a float-looking code and formula-like text", () => {
    expect(rows.some((row) => row.cert_common_name.length > 80)).toBe(true);
    const longIds = rows.filter((row) => row.certificate_order_id.length >= 16);
    expect(longIds.length).toBeGreaterThan(0);
    expect(longIds.some((row) => !Number.isSafeInteger(Number(row.certificate_order_id)))).toBe(true);
    expect(rows.filter((row) => row.value === FLOAT_LOOKING_CODE)).toHaveLength(1);
    const formula = /^[=+\-@]/;
    expect(rows.some((row) => formula.test(row.cert_organization))).toBe(true);
    expect(rows.some((row) => formula.test(row.cert_common_name))).toBe(true);
  });

  it("keeps DigiCert's type drift: order ids as strings, licenses and wildcards sometimes strings", () => {
    expect(rows.every((row) => typeof row.certificate_order_id === "string")).toBe(true);
    expect(rows.every((row) => typeof row.voucher_order_id === "number")).toBe(true);
    expect(rows.some((row) => row.server_licenses === "1")).toBe(true);
    expect(rows.some((row) => typeof row.server_licenses === "number")).toBe(true);
    expect(rows.some((row) => typeof row.no_of_wildcards === "string")).toBe(true);
    expect(rows.some((row) => typeof row.no_of_wildcards === "number")).toBe(true);
    expect(rows.every((row) => row.status === "used" && /^[A-Z2-7]{32}$|^3{30}E7$/.test(row.value))).toBe(
      true,
    );
  });

  it("numbers certificate orders in request order, as DigiCert numbers orders when placed", () => {
    const ordinary = rows
      .filter((row) => row.certificate_order_id.length < 16)
      .sort((a, b) => Number(a.certificate_order_id) - Number(b.certificate_order_id));
    const backwards = ordinary.filter((current, i) => {
      const previous = ordinary[i - 1];
      return (
        previous !== undefined &&
        current.id > 49179 &&
        previous.id > 49179 &&
        current.cert_request_date < previous.cert_request_date
      );
    });
    expect(backwards).toEqual([]);
  });
});
