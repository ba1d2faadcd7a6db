import { readFile } from "node:fs/promises";
import type { ServedRow } from "./generated-used-code.js";

/**
 * Reads a `{"codes":[…]}` file (a saved DigiCert response, or hand-written test data) to serve
 * as the whole list, rows untouched. Only what the simulator itself needs is checked: each row
 * is an object with an `id`; a row without a `certificate_order_id` simply has no order.
 */
export async function loadFixture(file: string): Promise<ServedRow[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new FixtureError(
      file,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new FixtureError(file, `is not JSON (${(error as Error).message})`);
  }
  return fixtureRows(parsed, file);
}

export function fixtureRows(parsed: unknown, source: string): ServedRow[] {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new FixtureError(source, 'must hold an object like {"codes":[…]}');
  }
  // DigiCert omits the array for an empty list; a fixture may do the same.
  const codes = (parsed as { codes?: unknown }).codes ?? [];
  if (!Array.isArray(codes)) throw new FixtureError(source, '"codes" must be an array');
  codes.forEach((row, index) => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      throw new FixtureError(source, `codes[${index}] must be an object`);
    }
    const id = (row as { id?: unknown }).id;
    if (typeof id !== "number" && typeof id !== "string") {
      throw new FixtureError(source, `codes[${index}] has no id`);
    }
  });
  return codes as ServedRow[];
}

export class FixtureError extends Error {
  constructor(source: string, problem: string) {
    super(`Fixture ${source} ${problem}.`);
    this.name = "FixtureError";
  }
}
