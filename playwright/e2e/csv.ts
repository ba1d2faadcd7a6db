import { createRequire } from "node:module";

// Parse exports with the CSV library the domain itself depends on, resolved from its package
// (the e2e folder has no dependencies of its own).
const requireFromDomain = createRequire(new URL("../../packages/vouchers/package.json", import.meta.url));
const Papa = requireFromDomain("papaparse") as {
  parse(text: string, config: object): { data: string[][]; errors: unknown[] };
};

/** RFC 4180 text → rows of fields; a leading BOM must be stripped by the caller. */
export function parseCsv(text: string): string[][] {
  const result = Papa.parse(text, { header: false, skipEmptyLines: false, newline: "\r\n" });
  if (result.errors.length > 0) throw new Error(`CSV does not parse: ${JSON.stringify(result.errors)}`);
  const rows = result.data;
  // The file ends with CRLF, which parses as one empty last row.
  if (rows.length > 0 && rows.at(-1)?.length === 1 && rows.at(-1)?.[0] === "") rows.pop();
  return rows;
}
