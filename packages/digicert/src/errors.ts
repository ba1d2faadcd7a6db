import { z } from "zod";
import { blankToNull } from "./lenient.js";

/** Thrown when an upstream payload is not what DigiCert sends at all (an HTML page, a bare array). */
export class DigicertPayloadError extends Error {
  override readonly name = "DigicertPayloadError";
}

export interface DigicertError {
  code: string;
  message: string;
}

const rawErrorItemSchema = z.looseObject({
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.union([z.string(), z.number()]).nullish(),
});

/**
 * DigiCert's error envelope. The docs show an array of `{code, message}`; a public client's
 * recorded fixture shows a single object in its place. Both are accepted.
 */
export const rawErrorEnvelopeSchema = z.looseObject({
  errors: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]),
});

const UNKNOWN_CODE = "unknown";

function readItem(item: unknown, fallbackCode: string): DigicertError | null {
  if (typeof item === "string") {
    const message = blankToNull(item);
    return message === null ? null : { code: fallbackCode, message };
  }
  const parsed = rawErrorItemSchema.safeParse(item);
  if (!parsed.success) return null;
  const code = parsed.data.code == null ? null : blankToNull(String(parsed.data.code));
  const message = parsed.data.message == null ? null : blankToNull(String(parsed.data.message));
  if (code === null && message === null) return null;
  return { code: code ?? fallbackCode, message: message ?? code ?? "" };
}

/**
 * The errors in a DigiCert error body, in order; an empty list when the body holds none.
 * Takes the parsed JSON or the raw text, and never throws: an upstream that answers with an
 * HTML page or half a JSON document is the caller's to report, not a crash here.
 *
 * Forms read: `{"errors":[{code,message}, …]}`, `{"errors":{code,message}}`, and an object
 * keyed by code (`{"errors":{"some_code":"message"}}`, as some APIs send per-field errors).
 */
export function parseDigicertError(body: unknown): DigicertError[] {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  const envelope = rawErrorEnvelopeSchema.safeParse(value);
  if (!envelope.success) return [];
  const { errors } = envelope.data;
  if (Array.isArray(errors)) {
    return errors.map((item) => readItem(item, UNKNOWN_CODE)).filter((e) => e !== null);
  }
  if ("code" in errors || "message" in errors) {
    const single = readItem(errors, UNKNOWN_CODE);
    return single ? [single] : [];
  }
  return Object.entries(errors)
    .map(([key, item]) => readItem(item, key))
    .filter((e) => e !== null);
}
