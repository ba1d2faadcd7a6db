import Papa from "papaparse";
import { DigicertPayloadError } from "./errors.js";
import { appendUsedCode, type NormalizedUsedCodes } from "./normalize-used-code.js";
import type { UsedCodeField } from "./used-code.js";

const REQUIRED_COLUMNS: readonly UsedCodeField[] = ["id", "value"];

/**
 * DigiCert's used-codes CSV (`Accept: text/csv`) → the same rows the JSON path gives.
 *
 * Every cell stays text until the shared field readers settle it (no papaparse dynamic
 * typing: it would turn a 16+ digit order id or `333…E7` into a float). A quoted `" "` is the
 * same blank as JSON's `" "`. A BOM, CRLF or LF line ends, and quoted commas, quotes and line
 * breaks are handled by papaparse. A row whose field count differs from the header's is
 * misaligned, so it is rejected rather than read into the wrong columns. Throws
 * DigicertPayloadError only when the text has no header with `id` and `value`.
 */
export function parseUsedCodesCsv(text: string): NormalizedUsedCodes {
  // papaparse strips a BOM too; doing it here keeps the header check independent of that.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, {
    header: false,
    delimiter: ",",
    skipEmptyLines: true,
    dynamicTyping: false,
  });
  const [header, ...records] = parsed.data;
  if (!header) throw new DigicertPayloadError("used-codes CSV: no header line");
  const columns = header.map((name) => name.trim());
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new DigicertPayloadError(`used-codes CSV: header lacks ${missing.join(", ")}`);
  }

  // papaparse numbers rows from the header line; ours number data rows from 0, like the JSON list.
  const parseProblems = new Map<number, string>();
  for (const error of parsed.errors) {
    if (error.row !== undefined && error.row > 0 && !parseProblems.has(error.row - 1)) {
      parseProblems.set(error.row - 1, `CSV: ${error.message}`);
    }
  }

  const result: NormalizedUsedCodes = { codes: [], rejected: [], fieldIssues: [] };
  records.forEach((cells, index) => {
    const problem =
      parseProblems.get(index) ??
      (cells.length === columns.length
        ? null
        : `CSV: ${cells.length} fields where the header has ${columns.length}`);
    if (problem !== null) {
      result.rejected.push({ index, reason: problem });
      return;
    }
    appendUsedCode(result, index, Object.fromEntries(columns.map((column, i) => [column, cells[i]])));
  });
  return result;
}
