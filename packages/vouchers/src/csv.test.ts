import type { UsedCode, UsedCodeField } from "@voucher-desk/digicert";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { writeCsv } from "./csv.js";
import { generateRows, usedCode } from "./test-support/rows.js";

const BOM = "\uFEFF";
const reparse = (csv: string) =>
  Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: false }).data;

describe("writeCsv", () => {
  it("writes DigiCert's header names, CRLF line ends and one BOM", () => {
    const rows = [
      usedCode({ id: 49170, cert_organization: "Example Inc.", order_valid_till: null }),
      usedCode({ id: 49179, cert_organization: "Société Générale", order_valid_till: "2028-03-03" }),
    ];
    const csv = writeCsv(rows, [
      "id",
      "product_name",
      "cert_organization",
      "order_valid_till",
      "server_licenses",
    ]);
    expect(csv).toBe(
      `${BOM}id,product_name,cert_organization,order_valid_till,server_licenses\r\n` +
        "49170,Basic OV,Example Inc.,,1\r\n" +
        "49179,Basic OV,Société Générale,2028-03-03,1\r\n",
    );
  });

  it("encodes to UTF-8 bytes that start with exactly one BOM, and none when told not to", () => {
    const rows = [
      usedCode({ id: 1, cert_organization: "株式会社" }),
      usedCode({ id: 2, cert_organization: `${BOM}x` }),
    ];
    const bytes = new TextEncoder().encode(writeCsv(rows, ["cert_organization"]));
    expect([...bytes.slice(0, 6)]).toEqual([0xef, 0xbb, 0xbf, 0x63, 0x65, 0x72]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(BOM + BOM)).toBe(false);
    expect(text).toContain("\r\n株式会社\r\n");
    expect(writeCsv(rows, ["cert_organization"], { bom: false })).toBe(
      `cert_organization\r\n株式会社\r\n"${BOM}x"\r\n`,
    );
    expect(writeCsv(rows, ["id"], { bom: true })).toBe(`${BOM}id\r\n1\r\n2\r\n`);
  });

  it("quotes and doubles commas, quotes and line breaks (RFC 4180)", () => {
    const rows = [
      usedCode({ id: 1, cert_organization: 'ACME, "The" Company', cert_common_name: "line1\nline2" }),
      usedCode({ id: 2, cert_organization: "cr\r\nlf", cert_common_name: " padded " }),
    ];
    expect(writeCsv(rows, ["id", "cert_organization", "cert_common_name"], { bom: false })).toBe(
      "id,cert_organization,cert_common_name\r\n" +
        '1,"ACME, ""The"" Company","line1\nline2"\r\n' +
        '2,"cr\r\nlf"," padded "\r\n',
    );
  });

  it("neutralizes formula cells in text columns only; numbers, negative or not, are untouched", () => {
    const starts = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "=1+1\nsecond line"];
    const rows = starts.map((cert_organization, i) =>
      usedCode({
        id: -(i + 1),
        cert_organization,
        cert_common_name: `safe${i}`,
        no_of_fqdns: -5 - i,
        voucher_order_id: -7,
      }),
    );
    const csv = writeCsv(
      rows,
      ["id", "cert_organization", "cert_common_name", "no_of_fqdns", "voucher_order_id"],
      {
        bom: false,
      },
    );
    expect(reparse(csv)).toEqual([
      ["id", "cert_organization", "cert_common_name", "no_of_fqdns", "voucher_order_id"],
      ["-1", "'=1+2", "safe0", "-5", "-7"],
      ["-2", "'+SUM(A1)", "safe1", "-6", "-7"],
      ["-3", "'-2+3", "safe2", "-7", "-7"],
      ["-4", "'@cmd", "safe3", "-8", "-7"],
      ["-5", "'\tx", "safe4", "-9", "-7"],
      ["-6", "'\rx", "safe5", "-10", "-7"],
      ["-7", "'=1+1\nsecond line", "safe6", "-11", "-7"],
      [""],
    ]);
  });

  it("neutralizes every text column, including product names and codes", () => {
    const row = usedCode({
      id: 1,
      product_name: "=Evil",
      value: "-CODE",
      status: "@x",
      created_date: "+2024",
    });
    expect(writeCsv([row], ["product_name", "value", "status", "created_date"], { bom: false })).toBe(
      "product_name,value,status,created_date\r\n'=Evil,'-CODE,'@x,'+2024\r\n",
    );
  });

  it("writes absent values as empty fields, whether null or missing", () => {
    const missing = usedCode({ id: 3 }) as Partial<UsedCode>;
    delete missing.cert_common_name;
    const rows = [usedCode({ id: 2, cert_organization: null, server_licenses: null }), missing as UsedCode];
    expect(
      writeCsv(rows, ["id", "cert_organization", "cert_common_name", "server_licenses"], { bom: false }),
    ).toBe(
      "id,cert_organization,cert_common_name,server_licenses\r\n2,,example.com,\r\n3,Example Inc.,,1\r\n",
    );
  });

  it("writes only the header for an empty view", () => {
    expect(writeCsv([], ["id", "value"], { bom: false })).toBe("id,value\r\n");
  });

  it("re-parses to the same rows, at 100,000 rows, with one line per row", () => {
    const rows = generateRows(100_000, 3);
    const columns: UsedCodeField[] = [
      "id",
      "value",
      "product_name",
      "cert_organization",
      "certificate_order_id",
      "order_valid_till",
      "server_licenses",
    ];
    const csv = writeCsv(rows, columns);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(100_000);
    expect(parsed.meta.fields).toEqual(columns);
    // One string per side keeps the comparison of 700,000 cells cheap.
    const expectedCell = (value: UsedCode[UsedCodeField]) =>
      value === null
        ? ""
        : typeof value === "string" && /^[=+\-@\t\r]/.test(value)
          ? `'${value}`
          : String(value);
    const flatten = (cells: string[]) => cells.join("\u0001");
    expect(
      parsed.data.map((record) => flatten(columns.map((c) => record[c] ?? "<missing>"))).join("\n"),
    ).toBe(rows.map((row) => flatten(columns.map((c) => expectedCell(row[c])))).join("\n"));
    expect(rows.some((row) => row.cert_organization?.startsWith("="))).toBe(true);
  });
});
