import type { UsedCode, UsedCodeField } from "@voucher-desk/digicert";

export interface WriteCsvOptions {
  /** Prefix one UTF-8 byte order mark so Excel reads UTF-8. Default true. */
  bom?: boolean;
}

/**
 * RFC 4180 CSV of `rows` with `columns` in order: CRLF line ends (also after the last record),
 * header = DigiCert field names, null/absent → empty field, formula cells in text columns
 * neutralized with a leading `'`.
 */
export declare function writeCsv(
  rows: readonly UsedCode[],
  columns: readonly UsedCodeField[],
  options?: WriteCsvOptions,
): string;

export declare const CSV_CONTENT_TYPE: "text/csv; charset=utf-8";
