import { describe, expect, it } from "vitest";
import {
  countSchema,
  dateTextSchema,
  firstIssueMessage,
  integerIdSchema,
  stringIdSchema,
  textSchema,
} from "./lenient.js";
import { normalizeUsedCode, normalizeUsedCodes } from "./normalize-used-code.js";
import { fullRawRow, SEED_JSON } from "./test-support/seed.js";
import { USED_CODE_FIELDS, type UsedCode, usedCodeSchema } from "./used-code.js";

function normalizeOne(raw: unknown): UsedCode {
  const reading = normalizeUsedCode(raw);
  if (!reading.ok) throw new Error(`rejected: ${reading.reason}`);
  expect(reading.issues).toEqual([]);
  return reading.code;
}

const NULLABLE_FIELDS = USED_CODE_FIELDS.filter((field) => field !== "id" && field !== "value");
const BLANKS: readonly unknown[] = [" ", "", "   ", "\t", null, undefined];

describe("normalizeUsedCode: the seed document's JSON row", () => {
  it("gives the documented types, nulls for the single-space blanks, and dates verbatim", () => {
    const [raw] = JSON.parse(SEED_JSON).codes;
    expect(normalizeOne(raw)).toEqual({
      id: 49170,
      value: "ZVB3LWIH3H3U53AOZU5QZ4W4TUTRPPCS",
      product_name: "Basic OV",
      no_of_fqdns: 5,
      no_of_wildcards: 0,
      shipping_method: "N/A",
      validity_years: 6,
      validity_days: 0,
      status: "used",
      created_date: "2022-03-03 13:31:03",
      voucher_order_id: 25252,
      cert_request_date: "2022-03-03 13:41:41",
      cert_validity_start_date: null,
      cert_validity_end_date: null,
      cert_organization: "Example Inc.",
      cert_common_name: "example.com",
      certificate_order_id: "204928159",
      voucher_validity_end_date: "2023-03-03",
      order_valid_from: null,
      order_valid_till: null,
      server_licenses: 1,
    });
  });

  it("gives a row the normalized schema accepts", () => {
    const [raw] = JSON.parse(SEED_JSON).codes;
    expect(usedCodeSchema.safeParse(normalizeOne(raw)).success).toBe(true);
  });
});

describe("normalizeUsedCode: blanks (quirk 1)", () => {
  for (const field of NULLABLE_FIELDS) {
    it(`${field}: every blank form becomes null, and a missing key too`, () => {
      const full = normalizeOne(fullRawRow());
      expect(full[field]).not.toBeNull();
      for (const blank of BLANKS) {
        const code = normalizeOne({ ...fullRawRow(), [field]: blank });
        expect(code[field], `${field} = ${JSON.stringify(blank)}`).toBeNull();
        // Blanking one field leaves the others alone.
        expect({ ...code, [field]: full[field] }).toEqual(full);
      }
      const { [field]: _dropped, ...withoutField } = fullRawRow();
      expect(normalizeOne(withoutField)[field]).toBeNull();
    });
  }

  it("trims padding around real values", () => {
    const code = normalizeOne({
      ...fullRawRow(),
      cert_organization: "  Société Générale ",
      cert_common_name: " www.example.org\t",
      created_date: " 2022-03-03 13:31:03 ",
    });
    expect(code.cert_organization).toBe("Société Générale");
    expect(code.cert_common_name).toBe("www.example.org");
    expect(code.created_date).toBe("2022-03-03 13:31:03");
  });
});

describe("normalizeUsedCode: type drift (quirk 2)", () => {
  it.each([
    ["no_of_wildcards", "2", 2],
    ["no_of_wildcards", 0, 0],
    ["no_of_wildcards", "0", 0],
    ["server_licenses", "1", 1],
    ["server_licenses", 3, 3],
    ["server_licenses", " 12 ", 12],
    ["no_of_fqdns", "250", 250],
    ["validity_years", "6", 6],
    ["validity_days", "397", 397],
    ["id", "49171", 49171],
    ["voucher_order_id", "25252", 25252],
    ["voucher_order_id", 25253, 25253],
  ] as const)("%s = %j reads as %j", (field, raw, expected) => {
    expect(normalizeOne({ ...fullRawRow(), [field]: raw })[field]).toBe(expected);
  });

  it.each([
    ["certificate_order_id", 204928162, "204928162"],
    ["value", 123456, "123456"],
    ["cert_common_name", 42, "42"],
  ] as const)("%s = %j (a number) reads as the string %j", (field, raw, expected) => {
    expect(normalizeOne({ ...fullRawRow(), [field]: raw })[field]).toBe(expected);
  });
});

describe("normalizeUsedCode: ids and codes that look like numbers (quirk 3)", () => {
  it.each(["12345678901234567890", "9007199254740993", "000204928159"])(
    "keeps certificate_order_id %s exactly",
    (orderId) => {
      expect(normalizeOne({ ...fullRawRow(), certificate_order_id: orderId }).certificate_order_id).toBe(
        orderId,
      );
    },
  );

  it.each([
    "333333333333333333333333333333E7",
    "1E10",
    "0000000000000000000000000000000012",
    "12345678901234567890123456789012",
  ])("keeps the code value %s exactly", (value) => {
    expect(normalizeOne({ ...fullRawRow(), value }).value).toBe(value);
  });

  it("refuses a certificate order id that arrived as an unsafe JSON number, instead of rounding it", () => {
    const reading = normalizeUsedCode({ ...fullRawRow(), certificate_order_id: 2 ** 53 + 2 });
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.code.certificate_order_id).toBeNull();
    expect(reading.issues.map((issue) => issue.field)).toEqual(["certificate_order_id"]);
    expect(reading.issues[0]?.reason).toContain("exact digits are lost");
  });

  it("refuses a code value that arrived as a float", () => {
    // What JSON.parse makes of the code sent unquoted: 3.3333333333333334e+36, digits gone.
    const { value } = JSON.parse('{"value":333333333333333333333333333333E7}');
    const reading = normalizeUsedCode({ ...fullRawRow(), value });
    expect(reading).toEqual({ ok: false, reason: expect.stringContaining("value:") });
  });
});

describe("normalizeUsedCode: date-times without a zone (quirk 4)", () => {
  it.each([
    ["created_date", "2022-03-27 02:30:00"],
    ["cert_request_date", "2021-03-14 02:15:00"],
    ["cert_validity_start_date", "2022-01-01 00:00:00"],
    ["cert_validity_end_date", "2022-12-31 23:59:59"],
    ["voucher_validity_end_date", "2023-03-03"],
    ["order_valid_from", "2024-02-29"],
    ["order_valid_till", "1999-12-31"],
  ] as const)("%s keeps %s as sent", (field, value) => {
    expect(normalizeOne({ ...fullRawRow(), [field]: value })[field]).toBe(value);
  });

  it("keeps a date it cannot read as sent instead of turning it into Invalid Date", () => {
    expect(normalizeOne({ ...fullRawRow(), order_valid_till: "03/03/2028" }).order_valid_till).toBe(
      "03/03/2028",
    );
  });
});

describe("normalizeUsedCode: rows that cannot be used", () => {
  it.each([
    [{ ...fullRawRow(), id: " " }, "id is missing or blank"],
    [{ ...fullRawRow(), id: "" }, "id is missing or blank"],
    [{ ...fullRawRow(), value: " " }, "value is missing or blank"],
    [{ ...fullRawRow(), id: "12a" }, 'id: expected a whole, non-negative id below 2^53, got "12a"'],
    [{ ...fullRawRow(), id: -4 }, "id: expected a whole, non-negative id below 2^53, got -4"],
    [{ ...fullRawRow(), id: 1.5 }, "id: expected a whole, non-negative id below 2^53, got 1.5"],
    [
      { ...fullRawRow(), id: "9007199254740993" },
      'id: expected a whole, non-negative id below 2^53, got "9007199254740993"',
    ],
    [null, "expected an object, got null"],
    [[1, 2], "expected an object, got an array"],
    ["49170", 'expected an object, got the string "49170"'],
  ])("refuses %j: %s", (raw, reason) => {
    expect(normalizeUsedCode(raw)).toEqual({ ok: false, reason });
  });

  it("keeps a row whose count cannot be read, with that field null and the issue listed", () => {
    const reading = normalizeUsedCode({ ...fullRawRow(), no_of_fqdns: "five", shipping_method: { a: 1 } });
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.code.no_of_fqdns).toBeNull();
    expect(reading.code.shipping_method).toBeNull();
    expect(reading.code.id).toBe(49170);
    expect(reading.issues).toEqual([
      { field: "no_of_fqdns", reason: 'expected a number, got "five"' },
      { field: "shipping_method", reason: expect.any(String) },
    ]);
  });

  it("ignores unknown extra keys", () => {
    expect(normalizeOne({ ...fullRawRow(), new_field: [1], another: { x: 1 } })).toEqual(
      normalizeOne(fullRawRow()),
    );
  });
});

describe("normalizeUsedCodes", () => {
  it("keeps good rows in order and reports each bad one by index, without throwing", () => {
    const result = normalizeUsedCodes([
      { ...fullRawRow(), id: 3 },
      { ...fullRawRow(), id: " " },
      "garbage",
      { ...fullRawRow(), id: "1", no_of_wildcards: "lots" },
      { ...fullRawRow(), id: 2 },
    ]);
    expect(result.codes.map((code) => code.id)).toEqual([3, 1, 2]);
    expect(result.rejected).toEqual([
      { index: 1, reason: "id is missing or blank" },
      { index: 2, reason: 'expected an object, got the string "garbage"' },
    ]);
    expect(result.fieldIssues).toEqual([
      { index: 3, id: 1, field: "no_of_wildcards", reason: 'expected a number, got "lots"' },
    ]);
  });

  it("gives an empty result for an empty list", () => {
    expect(normalizeUsedCodes([])).toEqual({ codes: [], rejected: [], fieldIssues: [] });
  });
});

describe("the plain readers behind normalizeUsedCode", () => {
  const SAMPLES: unknown[] = [
    undefined,
    null,
    "",
    " ",
    " text ",
    "2026-03-04 05:06:07",
    "007",
    " 3 ",
    "1.5",
    "-2",
    "9007199254740993",
    "333333333333333333333333333333E7",
    0,
    3,
    -1,
    1.5,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    {},
    [1],
  ];
  const FIELD_SCHEMAS = {
    status: textSchema,
    created_date: dateTextSchema,
    validity_days: countSchema,
    voucher_order_id: integerIdSchema,
    certificate_order_id: stringIdSchema,
  } as const;

  it.each(Object.entries(FIELD_SCHEMAS))(
    "read %s exactly as its zod schema does, value and reason",
    (field, schema) => {
      for (const sample of SAMPLES) {
        const reading = normalizeUsedCode({ id: 1, value: "V", [field]: sample });
        if (!reading.ok) throw new Error(reading.reason);
        const expected = schema.safeParse(sample);
        const got = (reading.code as unknown as Record<string, unknown>)[field];
        if (expected.success) {
          expect({ sample, got, issues: reading.issues }).toEqual({ sample, got: expected.data, issues: [] });
        } else {
          expect({ sample, got, issues: reading.issues }).toEqual({
            sample,
            got: null,
            issues: [{ field, reason: firstIssueMessage(expected.error) }],
          });
        }
      }
    },
  );
});
