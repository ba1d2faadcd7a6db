import { USED_CODE_FIELDS, type UsedCode } from "@voucher-desk/digicert";
import { describe, expect, it } from "vitest";
import { generateRows, seededRandom, usedCode } from "./test-support/rows.js";
import {
  USED_CODE_LINES_HEAD,
  UsedCodeLinesDecoder,
  usedCodeFromRow,
  usedCodeLinesGroup,
  usedCodeLinesTail,
  usedCodeToRow,
} from "./used-code-lines.js";

const REST = { fetchedAt: "2026-12-03T09:15:00.000Z", source: "demo", region: null, stale: false };

/** The whole answer the BFF writes for `codes`, in groups of `groupSize`. */
function encode(codes: readonly UsedCode[], groupSize = 3): string {
  let text = USED_CODE_LINES_HEAD;
  for (let at = 0; at < codes.length; at += groupSize)
    text += usedCodeLinesGroup(codes.slice(at, at + groupSize));
  return text + usedCodeLinesTail(codes.length, JSON.stringify(REST));
}

function decode(pieces: readonly string[]) {
  const decoder = new UsedCodeLinesDecoder();
  for (const piece of pieces) decoder.push(piece);
  return decoder.end();
}

/** `text` cut at random places, some pieces empty, some mid-line, some mid-character pair. */
function randomPieces(text: string, seed: number): string[] {
  const random = seededRandom(seed);
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = Math.floor(random() * 40);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

describe("the dashboard's used-code lines", () => {
  it("carry every field of every row, in the catalog's order", () => {
    const code = usedCode({ id: 7, cert_common_name: null, certificate_order_id: "123456789012345678901" });
    const row = usedCodeToRow(code);
    expect(row).toEqual(USED_CODE_FIELDS.map((field) => code[field]));
    expect(usedCodeFromRow(row)).toEqual(code);
    expect(Object.keys(usedCodeFromRow(row))).toEqual([...USED_CODE_FIELDS]);
  });

  it("open with the field order and close with the count and the rest of the answer", () => {
    const codes = [usedCode({ id: 1 }), usedCode({ id: 2 })];
    const lines = encode(codes, 1).split("\n");
    expect(JSON.parse(lines[0] ?? "")).toEqual({ fields: USED_CODE_FIELDS });
    expect(lines).toHaveLength(5); // head, two groups, tail, and the final newline's empty end
    expect(JSON.parse(lines[3] ?? "")).toEqual({ count: 2, ...REST });
    expect(lines[4]).toBe("");
  });

  it("decode to exactly the codes and the rest, however the text is cut", () => {
    const codes = generateRows(200, 11);
    const text = encode(codes, 7);
    const whole = decode([text]);
    expect(whole.codes).toEqual(codes);
    expect(whole.rest).toEqual(REST);
    for (const seed of [1, 2, 3]) expect(decode(randomPieces(text, seed)).codes).toEqual(codes);
  });

  it("keep hostile text intact (newlines, quotes, separators, astral characters)", () => {
    const nasty = ["line\nbreak", 'quote " and \\', "\u2028\u2029", "😀 emoji", "\u0000nul", "tab\tcr\r"];
    const codes = nasty.map((text, i) => usedCode({ id: i + 1, cert_organization: text, value: text }));
    const text = encode(codes, 2);
    expect(text.split("\n")).toHaveLength(2 + 3 + 1); // no raw newline inside a line
    expect(decode(randomPieces(text, 9)).codes).toEqual(codes);
  });

  it("decode an empty list", () => {
    expect(decode([encode([])])).toEqual({ codes: [], rest: REST });
  });

  it("say the answer was cut off when the last line is missing or short", () => {
    const text = encode(generateRows(10, 3));
    const withoutTail = text.slice(0, text.lastIndexOf("{"));
    expect(() => decode([withoutTail])).toThrow(
      "the list ended before its last line (the answer was cut off)",
    );
    expect(() => decode([text.slice(0, -20)])).toThrow("the answer was cut off");
    expect(() => decode([text.slice(0, -1)])).toThrow("the answer was cut off");
    expect(() => decode([text.slice(0, 30)])).toThrow(expect.objectContaining({ cutOff: true }));
    expect(() => decode([`${text.slice(0, 30)}\n`])).toThrow(expect.objectContaining({ cutOff: false }));
  });

  it("refuse a count that differs from the rows that came", () => {
    const text = encode(generateRows(4, 3)).replace('{"count":4,', '{"count":5,');
    expect(() => decode([text])).toThrow("the list says 5 codes but holds 4");
  });

  it("refuse rows written in another field order (a server of another version)", () => {
    const text = encode([usedCode({ id: 1 })]);
    const swapped = text.replace('["id","value"', '["value","id"');
    expect(() => decode([swapped])).toThrow("the rows' fields are not the ones this page knows");
    expect(() => decode(["[[1]]\n"])).toThrow("the rows' fields are not the ones this page knows");
  });

  it("refuse lines that are not rows, and anything after the last line", () => {
    expect(() => decode([`${USED_CODE_LINES_HEAD}42\n`])).toThrow("line 2 is neither rows nor the last line");
    expect(() => decode([`${USED_CODE_LINES_HEAD}[1,2]\n`])).toThrow("line 2 holds a row that is not a list");
    expect(() => decode([`${encode([])}[]\n`])).toThrow("line 3 comes after the last line");
  });
});
