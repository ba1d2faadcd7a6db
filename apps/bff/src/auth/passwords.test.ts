import { describe, expect, it } from "vitest";
import { hashPassword, isPasswordHash, verifyPassword } from "./passwords.js";

// Cheap parameters keep the suite fast; the format records them, so verification uses the same.
const CHEAP = { N: 1024, r: 8, p: 1 };

describe("scrypt password hashes", () => {
  it("verifies the right password and refuses others", async () => {
    const hash = await hashPassword("correct horse battery staple", CHEAP);
    expect(isPasswordHash(hash)).toBe(true);
    expect(hash.startsWith("scrypt$1024$8$1$")).toBe(true);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    const a = await hashPassword("same password", CHEAP);
    const b = await hashPassword("same password", CHEAP);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("treats canonically equal Unicode spellings as one password", async () => {
    const composed = "Soci\u00e9t\u00e9-G\u00e9n\u00e9rale";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed, CHEAP))).toBe(true);
  });

  it("never matches a malformed or tampered hash", async () => {
    const hash = await hashPassword("pw-pw-pw-pw-pw", CHEAP);
    const parts = hash.split("$");
    expect(await verifyPassword("pw-pw-pw-pw-pw", "plain")).toBe(false);
    expect(await verifyPassword("pw-pw-pw-pw-pw", [...parts.slice(0, 5), "AAAA"].join("$"))).toBe(false);
    expect(await verifyPassword("pw-pw-pw-pw-pw", [parts[0], "2048", ...parts.slice(2)].join("$"))).toBe(
      false,
    );
  });
});
