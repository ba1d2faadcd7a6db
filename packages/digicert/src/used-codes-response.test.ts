import { describe, expect, it } from "vitest";
import { DigicertPayloadError } from "./errors.js";
import { normalizeUsedCodes } from "./normalize-used-code.js";
import { fullRawRow, SEED_JSON } from "./test-support/seed.js";
import { readUsedCodesResponse } from "./used-codes-response.js";

describe("readUsedCodesResponse (quirk 6)", () => {
  it("reads the seed document's body, which has no page: the whole list", () => {
    const body = JSON.parse(SEED_JSON);
    expect(readUsedCodesResponse(body)).toEqual({
      ...normalizeUsedCodes(body.codes),
      received: 1,
      page: null,
    });
  });

  it("treats a missing codes array as an empty list and keeps the page", () => {
    expect(readUsedCodesResponse({ page: { total: 0, limit: 1, offset: 0 } })).toEqual({
      codes: [],
      rejected: [],
      fieldIssues: [],
      received: 0,
      page: { total: 0, limit: 1, offset: 0 },
    });
  });

  it("treats an empty object or null codes as an empty list without a page", () => {
    for (const body of [{}, { codes: null }]) {
      const result = readUsedCodesResponse(body);
      expect(result.codes).toEqual([]);
      expect(result.received).toBe(0);
      expect(result.page).toBeNull();
    }
  });

  it("reads a page sent with numeric strings, and one missing limit or offset", () => {
    const rows = [fullRawRow(), { ...fullRawRow(), id: 7 }];
    expect(
      readUsedCodesResponse({ codes: rows, page: { total: "2500", limit: "1000", offset: "1000" } }).page,
    ).toEqual({
      total: 2500,
      limit: 1000,
      offset: 1000,
    });
    expect(readUsedCodesResponse({ codes: rows, page: { total: 2 } }).page).toEqual({
      total: 2,
      limit: null,
      offset: null,
    });
  });

  it("treats an unreadable page as no page", () => {
    for (const page of [null, "x", { total: " " }, { total: "many" }, []]) {
      expect(readUsedCodesResponse({ codes: [], page }).page).toBeNull();
    }
  });

  it("counts received rows including rejected ones, so offset paging stays aligned", () => {
    const result = readUsedCodesResponse({ codes: [fullRawRow(), { id: " " }], page: { total: 2 } });
    expect(result.codes).toHaveLength(1);
    expect(result.rejected).toEqual([{ index: 1, reason: "id is missing or blank" }]);
    expect(result.received).toBe(2);
  });

  it.each([
    ["<html>502</html>", "used-codes response: expected a JSON object, got string"],
    [null, "used-codes response: expected a JSON object, got null"],
    [[fullRawRow()], "used-codes response: expected a JSON object, got an array"],
    [{ codes: "none" }, "used-codes response: `codes` is not an array"],
    [{ codes: { 0: {} } }, "used-codes response: `codes` is not an array"],
  ])("throws a payload error for %j", (body, message) => {
    expect(() => readUsedCodesResponse(body)).toThrow(new DigicertPayloadError(message));
  });
});
