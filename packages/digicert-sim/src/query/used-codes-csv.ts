import { USED_CODE_FIELDS } from "@voucher-desk/digicert";
import Papa from "papaparse";
import type { ServedRow } from "../data/generated-used-code.js";

export type CsvLineEnding = "\n" | "\r\n";

/**
 * Quote like the seed document: it quotes "Basic OV", "2022-03-03 13:31:03", " " and
 * "Example Inc." and leaves N/A, example.com and 204928159 bare. That is exactly PHP's
 * fputcsv rule (quote a field holding a space, tab, line break, comma, quote or backslash),
 * the likeliest writer behind a PHP API; colons are added because the seed reads that way
 * too. It changes no seed row either way.
 */
const NEEDS_QUOTES = /[ \t\r\n,":\\]/;

/**
 * DigiCert's CSV: a header of the 21 field names in JSON key order, one line per row, every
 * line (the last too) ended by `lineEnding`. LF is the default because fputcsv writes LF;
 * CRLF is an option so CSV readers can be tested against both. Absent values are empty.
 */
export function writeUsedCodesCsv(rows: readonly ServedRow[], lineEnding: CsvLineEnding = "\n"): string {
  const data = rows.map((row) => USED_CODE_FIELDS.map((field) => cellText(row[field])));
  const body = Papa.unparse(
    { fields: [...USED_CODE_FIELDS], data },
    {
      newline: lineEnding,
      quotes: (value: unknown) => NEEDS_QUOTES.test(String(value)),
      escapeFormulae: false,
    },
  );
  // Papa ends the header-only table with a line break and a full one without: end both once.
  return body.endsWith(lineEnding) ? body : body + lineEnding;
}

function cellText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}
