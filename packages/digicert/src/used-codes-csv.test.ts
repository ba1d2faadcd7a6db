import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { DigicertPayloadError } from "./errors.js";
import { normalizeUsedCodes } from "./normalize-used-code.js";
import { fullRawRow, SEED_CSV, SEED_CSV_AS_JSON, SEED_CSV_LINES } from "./test-support/seed.js";
import { USED_CODE_FIELDS } from "./used-code.js";
import { parseUsedCodesCsv } from "./used-codes-csv.js";

const HEADER = SEED_CSV_LINES[0];

/** A CSV of raw rows, quoted the way DigiCert quotes (values with spaces or colons) or always. */
function toCsv(rows: readonly Record<string, unknown>[], quotes: boolean | "digicert", newline = "\r\n") {
  return Papa.unparse(
    { fields: [...USED_CODE_FIELDS], data: rows.map((row) => USED_CODE_FIELDS.map((f) => row[f] ?? "")) },
    {
      newline,
      quotes: quotes === "digicert" ? (value: unknown) => /[ :]/.test(String(value)) : quotes,
    },
  );
}

describe("parseUsedCodesCsv: the seed document's CSV", () => {
  it("reads its three rows with JSON's types and blanks", () => {
    const result = parseUsedCodesCsv(SEED_CSV);
    expect(result.rejected).toEqual([]);
    expect(result.fieldIssues).toEqual([]);
    expect(result.codes.map((code) => code.id)).toEqual([49170, 49178, 49179]);
    expect(result.codes[2]).toEqual({
      id: 49179,
      value: "4U6P5PVRG6HMOWYNGRD3HBM6QUSJRDH5",
      product_name: "Secure Site Pro EV SSL",
      no_of_fqdns: 2,
      no_of_wildcards: 0,
      shipping_method: "N/A",
      validity_years: 2,
      validity_days: 0,
      status: "used",
      created_date: "2022-03-03 14:43:28",
      voucher_order_id: 25256,
      cert_request_date: "2022-03-04 10:49:38",
      cert_validity_start_date: null,
      cert_validity_end_date: null,
      cert_organization: "Example Corp.",
      cert_common_name: "example.com",
      certificate_order_id: "204928161",
      voucher_validity_end_date: "2023-03-03",
      order_valid_from: null,
      order_valid_till: null,
      server_licenses: 1,
    });
    expect(
      result.codes.map((code) => [code.value, code.certificate_order_id, code.cert_request_date]),
    ).toEqual([
      ["ZVB3EWIHDH3U63AOZU5QZ4W4TUTRPPCS", "204928159", "2022-03-03 13:41:41"],
      ["ZGGRW6GCJIWCR2XHAU4M6TNNBAURHLJM", "204928160", "2022-03-04 10:48:47"],
      ["4U6P5PVRG6HMOWYNGRD3HBM6QUSJRDH5", "204928161", "2022-03-04 10:49:38"],
    ]);
  });

  it("gives the same rows as the equivalent JSON", () => {
    expect(parseUsedCodesCsv(SEED_CSV)).toEqual(normalizeUsedCodes(JSON.parse(SEED_CSV_AS_JSON).codes));
  });

  it("gives the same rows with CRLF line ends, a BOM, and no final line end", () => {
    const expected = parseUsedCodesCsv(SEED_CSV);
    const crlf = SEED_CSV_LINES.join("\r\n");
    expect(parseUsedCodesCsv(`\uFEFF${crlf}\r\n`)).toEqual(expected);
    expect(parseUsedCodesCsv(crlf)).toEqual(expected);
    expect(parseUsedCodesCsv(`\uFEFF${SEED_CSV}`)).toEqual(expected);
  });

  it("leaves no stray \\r in the last field of a CRLF file", () => {
    const lines = [
      HEADER,
      SEED_CSV_LINES[1].replace(/,1$/, ",7"),
      SEED_CSV_LINES[2].replace(/,1$/, ',"abc"'),
    ];
    const result = parseUsedCodesCsv(`${lines.join("\r\n")}\r\n`);
    expect(result.codes.map((code) => code.server_licenses)).toEqual([7, null]);
    expect(result.fieldIssues).toEqual([
      { index: 1, id: 49178, field: "server_licenses", reason: 'expected a number, got "abc"' },
    ]);
  });
});

describe("parseUsedCodesCsv: tricky values", () => {
  const tricky = [
    { ...fullRawRow(), id: 1, cert_organization: 'Acme, "Quoted" Ltd.', cert_common_name: "a.example.com" },
    {
      ...fullRawRow(),
      id: 2,
      cert_organization: "Line one\r\nLine two",
      value: "333333333333333333333333333333E7",
    },
    {
      ...fullRawRow(),
      id: 3,
      cert_organization: "Multi\nline",
      certificate_order_id: "12345678901234567890",
    },
    { ...fullRawRow(), id: 4, cert_organization: " ", cert_validity_start_date: " ", order_valid_till: "" },
    { ...fullRawRow(), id: 5, cert_organization: "株式会社テスト", cert_common_name: "=cmd|' /C calc'!A0" },
    { ...fullRawRow(), id: 6, no_of_wildcards: "2", server_licenses: 3, validity_years: "0" },
    {
      ...fullRawRow(),
      id: 7,
      value: "1E10",
      certificate_order_id: "000204928159",
      cert_common_name: "12.50",
    },
  ];

  it.each([
    ["DigiCert's quoting, CRLF", "digicert", "\r\n"],
    ["every field quoted, CRLF", true, "\r\n"],
    ["minimal quoting, LF", false, "\n"],
  ] as const)("gives the same rows as JSON with %s", (_label, quotes, newline) => {
    const fromCsv = parseUsedCodesCsv(toCsv(tricky, quotes, newline));
    expect(fromCsv.rejected).toEqual([]);
    expect(fromCsv).toEqual(normalizeUsedCodes(tricky));
  });

  it("keeps quoted commas, doubled quotes and line breaks inside the field", () => {
    const codes = parseUsedCodesCsv(toCsv(tricky, "digicert")).codes;
    expect(codes.map((code) => code.cert_organization)).toEqual([
      'Acme, "Quoted" Ltd.',
      "Line one\r\nLine two",
      "Multi\nline",
      null,
      "株式会社テスト",
      "Example Inc.",
      "Example Inc.",
    ]);
    // Values that a number-guessing CSV reader would turn into 10000000000, 204928159 and 12.5.
    expect([codes[6]?.value, codes[6]?.certificate_order_id, codes[6]?.cert_common_name]).toEqual([
      "1E10",
      "000204928159",
      "12.50",
    ]);
    expect(codes[1]?.value).toBe("333333333333333333333333333333E7");
    expect(codes[2]?.certificate_order_id).toBe("12345678901234567890");
  });

  it("reads columns by header name, in any order, ignoring unknown columns", () => {
    const text = 'extra,value,id\r\nx,"ABC",12\r\ny,DEF,"13"\r\n';
    const result = parseUsedCodesCsv(text);
    expect(result.codes.map((code) => [code.id, code.value, code.product_name])).toEqual([
      [12, "ABC", null],
      [13, "DEF", null],
    ]);
  });
});

describe("parseUsedCodesCsv: broken input", () => {
  it("rejects a row with the wrong number of fields, by its index, and keeps the rest", () => {
    const lines = [HEADER, SEED_CSV_LINES[1], "49999,SHORTROW,1", SEED_CSV_LINES[3]];
    const result = parseUsedCodesCsv(lines.join("\r\n"));
    expect(result.codes.map((code) => code.id)).toEqual([49170, 49179]);
    expect(result.rejected).toEqual([{ index: 1, reason: "CSV: 3 fields where the header has 21" }]);
  });

  it("rejects a row whose id is blank, by its index", () => {
    const lines = [HEADER, SEED_CSV_LINES[1].replace(/^49170,/, '" ",'), SEED_CSV_LINES[2]];
    const result = parseUsedCodesCsv(lines.join("\n"));
    expect(result.codes.map((code) => code.id)).toEqual([49178]);
    expect(result.rejected).toEqual([{ index: 0, reason: "id is missing or blank" }]);
  });

  it("gives no rows for a header alone (an empty list)", () => {
    expect(parseUsedCodesCsv(`\uFEFF${HEADER}\r\n`)).toEqual({ codes: [], rejected: [], fieldIssues: [] });
  });

  it.each([
    ["", "used-codes CSV: no header line"],
    ["<html><body>Bad gateway</body></html>", "used-codes CSV: header lacks id, value"],
    ["id,product_name\r\n1,Basic OV", "used-codes CSV: header lacks value"],
  ])("throws a payload error for %j", (text, message) => {
    expect(() => parseUsedCodesCsv(text)).toThrow(new DigicertPayloadError(message));
  });

  it("reports an unterminated quote instead of throwing", () => {
    const result = parseUsedCodesCsv(`${HEADER}\r\n${SEED_CSV_LINES[1]}\r\n49178,"ZGG,oops\r\n`);
    expect(result.codes.map((code) => code.id)).toEqual([49170]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.index).toBe(1);
    expect(result.rejected[0]?.reason).toMatch(/^CSV: /);
  });
});
