/**
 * The one CSV writer, used by the browser's "Export CSV" and the BFF's `/api/used-codes.csv`,
 * so both give the same bytes for the same view. Papa Parse does the RFC 4180 quoting; this
 * module decides what goes into each cell.
 */
import type { UsedCode, UsedCodeField } from "@voucher-desk/digicert";
import Papa from "papaparse";
import { isNumericField } from "./fields.js";

export interface WriteCsvOptions {
  /** Prefix one UTF-8 byte order mark so Excel reads UTF-8. Default true. */
  bom?: boolean;
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
export const UTF8_BOM = "\uFEFF";
const CRLF = "\r\n";

/**
 * First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
 * Checked by code point, not by Papa's `escapeFormulae` regex: that one is anchored with
 * `.*$` and misses cells holding a line break, such as "=1+1\nx".
 */
const FORMULA_STARTS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/** A text cell that a spreadsheet would run gets a leading `'`; numbers are left alone. */
function neutralize(value: string): string {
  return FORMULA_STARTS.has(value.charAt(0)) ? `'${value}` : value;
}

/**
 * RFC 4180 CSV of `rows` with `columns` in order: CRLF line ends (also after the last record),
 * header = DigiCert field names, null/absent → empty field, formula cells in text columns
 * neutralized with a leading `'`. Numeric columns (counts, `id`, `voucher_order_id`) are
 * written as numbers and never prefixed, negative or not.
 */
export function writeCsv(
  rows: readonly UsedCode[],
  columns: readonly UsedCodeField[],
  options: WriteCsvOptions = {},
): string {
  const { bom = true } = options;
  const cells = columns.map((field) =>
    isNumericField(field)
      ? (row: UsedCode) => row[field] ?? null
      : (row: UsedCode) => {
          const value = row[field];
          return value === null || value === undefined ? null : neutralize(String(value));
        },
  );
  const data = rows.map((row) => cells.map((cell) => cell(row)));
  const body = Papa.unparse(
    { fields: [...columns], data },
    { newline: CRLF, quotes: false, escapeFormulae: false, header: true },
  );
  return `${bom ? UTF8_BOM : ""}${body}${CRLF}`;
}
