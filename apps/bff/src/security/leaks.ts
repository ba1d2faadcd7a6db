import { expect } from "vitest";
import { SENTINEL_KEY } from "../test-support/harness.js";

/** The sentinel key in the spellings a leak could take: as is, URL-encoded, base64, hex. */
export const KEY_SPELLINGS = [
  SENTINEL_KEY,
  encodeURIComponent(SENTINEL_KEY),
  Buffer.from(SENTINEL_KEY).toString("base64"),
  Buffer.from(SENTINEL_KEY).toString("base64url"),
  Buffer.from(SENTINEL_KEY).toString("hex"),
];

/** Fails with `where` when any spelling of the key occurs in `text` (case-insensitive). */
export function expectNoKey(text: string, where: string): void {
  const lower = text.toLowerCase();
  for (const spelling of KEY_SPELLINGS) {
    expect(lower.includes(spelling.toLowerCase()), `${where} holds the key (${spelling.slice(0, 12)}…)`).toBe(
      false,
    );
  }
}

/** Status line, every header and the body of a response, as one text to search. */
export async function responseText(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}
