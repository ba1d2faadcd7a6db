/**
 * The dashboard's own form of the used-code list: the same answer as `/api/used-codes` JSON,
 * sent as lines the browser can parse while the rest is still arriving (decision 014).
 *
 *   {"fields":["id","value",…]}                      the order of every row's values
 *   [[1,"ABC",…],[2,"DEF",…],…]                      rows, a group per line, as many lines as needed
 *   {"count":2,"fetchedAt":"…",…,"stale":false}     the rest of the answer, and how many rows came
 *
 * Rows are arrays in `fields` order instead of objects: the keys are 60% of the JSON bytes, so
 * the lines are 25 MB where the JSON is 62 MB at 100,000 codes, and parsing a group as it
 * arrives means the browser has little left to do when the last byte is in. Scripts keep using
 * the JSON (or the CSV report); this form is negotiated by `Accept` and may change with the page.
 */
import type { UsedCode } from "@voucher-desk/digicert";
import { FIELDS } from "./fields.js";

export const USED_CODE_LINES_TYPE = "application/vnd.voucher-desk.used-codes+ndjson";

/** One row's values, in the catalog's order (DigiCert's, `USED_CODE_FIELDS`). */
export type UsedCodeRow = readonly unknown[];

/**
 * The catalog's names, not `USED_CODE_FIELDS` itself: that module holds the row's zod schema,
 * which would pull zod into the page's first load (the catalog is tested to match it).
 */
const ROW_FIELDS: readonly string[] = FIELDS.map((field) => field.name);

/** The values of `code` in the catalog's order (a literal: ~3x faster than mapping the names). */
export function usedCodeToRow(c: UsedCode): UsedCodeRow {
  return [
    c.id,
    c.value,
    c.product_name,
    c.no_of_fqdns,
    c.no_of_wildcards,
    c.shipping_method,
    c.validity_years,
    c.validity_days,
    c.status,
    c.created_date,
    c.voucher_order_id,
    c.cert_request_date,
    c.cert_validity_start_date,
    c.cert_validity_end_date,
    c.cert_organization,
    c.cert_common_name,
    c.certificate_order_id,
    c.voucher_validity_end_date,
    c.order_valid_from,
    c.order_valid_till,
    c.server_licenses,
  ];
}

/**
 * The code whose values `row` holds. An object literal gives every row one hidden class; setting
 * keys in a loop made 100,000 rows ~8x slower to build. The values are checked by the caller
 * (the browser spot-checks rows with the contract's schema, as it does for the JSON).
 */
export function usedCodeFromRow(r: UsedCodeRow): UsedCode {
  return {
    id: r[0],
    value: r[1],
    product_name: r[2],
    no_of_fqdns: r[3],
    no_of_wildcards: r[4],
    shipping_method: r[5],
    validity_years: r[6],
    validity_days: r[7],
    status: r[8],
    created_date: r[9],
    voucher_order_id: r[10],
    cert_request_date: r[11],
    cert_validity_start_date: r[12],
    cert_validity_end_date: r[13],
    cert_organization: r[14],
    cert_common_name: r[15],
    certificate_order_id: r[16],
    voucher_validity_end_date: r[17],
    order_valid_from: r[18],
    order_valid_till: r[19],
    server_licenses: r[20],
  } as UsedCode;
}

/** The first line. */
export const USED_CODE_LINES_HEAD = `${JSON.stringify({ fields: ROW_FIELDS })}\n`;

/** One line of rows. */
export function usedCodeLinesGroup(codes: readonly UsedCode[]): string {
  return `${JSON.stringify(codes.map(usedCodeToRow))}\n`;
}

/** The last line: `rest` is the answer without its codes, as JSON (`{"fetchedAt":…}`). */
export function usedCodeLinesTail(count: number, rest: string): string {
  return `{"count":${count},${rest.slice(1)}\n`;
}

/** The lines did not make a list: cut off (`cutOff`), garbled, or written by another version. */
export class UsedCodeLinesError extends Error {
  override readonly name = "UsedCodeLinesError";
  constructor(
    message: string,
    readonly cutOff = false,
  ) {
    super(message);
  }
}

export interface DecodedUsedCodeLines {
  codes: UsedCode[];
  /** The last line without `count`: the answer's other fields, for the caller to validate. */
  rest: Record<string, unknown>;
}

/**
 * Reads the lines as they arrive: `push` each piece of text (any split, even mid-line), then
 * `end`. Each complete line is parsed at once, so little is left when the last piece comes.
 */
export class UsedCodeLinesDecoder {
  readonly #codes: UsedCode[] = [];
  #pending = "";
  #line = 0;
  #sawHead = false;
  #tail: Record<string, unknown> | undefined;

  /** How many rows have been read so far (for progress while the rest arrives). */
  get received(): number {
    return this.#codes.length;
  }

  push(text: string): void {
    const cut = text.lastIndexOf("\n");
    if (cut < 0) {
      this.#pending += text;
      return;
    }
    const complete = this.#pending + text.slice(0, cut);
    this.#pending = text.slice(cut + 1);
    let start = 0;
    for (let end = complete.indexOf("\n"); ; end = complete.indexOf("\n", start)) {
      this.#readLine(end < 0 ? complete.slice(start) : complete.slice(start, end));
      if (end < 0) break;
      start = end + 1;
    }
  }

  end(): DecodedUsedCodeLines {
    // Every line ends with a newline, the last one too: text after the last one was cut short.
    const tail = this.#pending === "" ? this.#tail : undefined;
    if (!tail)
      throw new UsedCodeLinesError("the list ended before its last line (the answer was cut off)", true);
    const { count, ...rest } = tail;
    if (count !== this.#codes.length) {
      throw new UsedCodeLinesError(`the list says ${String(count)} codes but holds ${this.#codes.length}`);
    }
    return { codes: this.#codes, rest };
  }

  #readLine(line: string): void {
    this.#line++;
    if (this.#tail) throw new UsedCodeLinesError(`line ${this.#line} comes after the last line`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UsedCodeLinesError(`line ${this.#line} is not JSON`);
    }
    if (!this.#sawHead) {
      this.#readHead(value);
    } else if (Array.isArray(value)) {
      for (const row of value) {
        if (!Array.isArray(row))
          throw new UsedCodeLinesError(`line ${this.#line} holds a row that is not a list`);
        this.#codes.push(usedCodeFromRow(row));
      }
    } else if (typeof value === "object" && value !== null) {
      this.#tail = value as Record<string, unknown>;
    } else {
      throw new UsedCodeLinesError(`line ${this.#line} is neither rows nor the last line`);
    }
  }

  #readHead(value: unknown): void {
    const fields = (value as { fields?: unknown } | null)?.fields;
    const same =
      Array.isArray(fields) &&
      fields.length === ROW_FIELDS.length &&
      fields.every((field, i) => field === ROW_FIELDS[i]);
    if (!same) throw new UsedCodeLinesError("the rows' fields are not the ones this page knows");
    this.#sawHead = true;
  }
}
