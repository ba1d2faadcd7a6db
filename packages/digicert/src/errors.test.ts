import { describe, expect, it } from "vitest";
import { parseDigicertError } from "./errors.js";

describe("parseDigicertError (quirk 19)", () => {
  it("reads the documented array form, in order", () => {
    expect(
      parseDigicertError({
        errors: [
          {
            code: "access_denied|access_denied_invalid_key",
            message: "Access denied due to access_denied_invalid_key.",
          },
          { code: "not_found|order", message: "The specified order was not found." },
        ],
      }),
    ).toEqual([
      {
        code: "access_denied|access_denied_invalid_key",
        message: "Access denied due to access_denied_invalid_key.",
      },
      { code: "not_found|order", message: "The specified order was not found." },
    ]);
  });

  it("reads the single-object form", () => {
    expect(
      parseDigicertError({
        errors: { code: "not_found|route", message: "The specified route was not found." },
      }),
    ).toEqual([{ code: "not_found|route", message: "The specified route was not found." }]);
  });

  it("reads an object keyed by code", () => {
    expect(
      parseDigicertError({
        errors: { invalid_limit: "limit must be at most 1000", other: { message: "m" } },
      }),
    ).toEqual([
      { code: "invalid_limit", message: "limit must be at most 1000" },
      { code: "other", message: "m" },
    ]);
  });

  it("reads the raw JSON text of a body", () => {
    expect(
      parseDigicertError(
        '{"errors":[{"code":"request_limit_exceeded","message":"Service unavailable, please limit request volume"}]}',
      ),
    ).toEqual([
      { code: "request_limit_exceeded", message: "Service unavailable, please limit request volume" },
    ]);
  });

  it("fills a missing code or message and drops empty entries", () => {
    expect(
      parseDigicertError({
        errors: [
          { message: "only a message" },
          { code: "only_code" },
          {},
          { code: " ", message: "" },
          "plain text",
          5,
        ],
      }),
    ).toEqual([
      { code: "unknown", message: "only a message" },
      { code: "only_code", message: "only_code" },
      { code: "unknown", message: "plain text" },
    ]);
  });

  it.each([
    ["<html><body>502 Bad Gateway</body></html>"],
    ['{"errors":[{"code":"x"'],
    [""],
    [null],
    [undefined],
    [42],
    [[{ code: "a", message: "b" }]],
    [{}],
    [{ error: { code: "a", message: "b" } }],
    [{ errors: 5 }],
    [{ errors: null }],
    [{ errors: [] }],
  ])("gives an empty list for %j", (body) => {
    expect(parseDigicertError(body)).toEqual([]);
  });
});
