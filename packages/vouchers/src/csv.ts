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
  const numeric = columns.map(isNumericField);
  // Header and rows as one array of arrays: Papa's `{ fields, data }` form writes a stray
  // empty record when there are no rows.
  const records: unknown[][] = [[...columns]];
  for (const row of rows) {
    const record = new Array<unknown>(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const value = row[columns[c] as UsedCodeField];
      record[c] =
        value === null || value === undefined ? null : numeric[c] ? value : neutralize(String(value));
    }
    records.push(record);
  }
  const body = Papa.unparse(records, { newline: CRLF, quotes: false, escapeFormulae: false });
  return `${bom ? UTF8_BOM : ""}${body}${CRLF}`;
}
