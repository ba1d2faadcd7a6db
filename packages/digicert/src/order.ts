import { z } from "zod";
import { DigicertPayloadError } from "./errors.js";
import {
  blankToNull,
  countSchema,
  dateTextSchema,
  firstIssueMessage,
  flagSchema,
  stringIdSchema,
  textSchema,
} from "./lenient.js";

/**
 * A certificate order as the dashboard's drilldown shows it (`GET /order/certificate/{id}`,
 * digicert-api.md §4), settled once: blanks are null, numbers are numbers, ids are strings,
 * dates are the strings DigiCert sent (ISO with `+00:00` for date_created/date_issued,
 * `YYYY-MM-DD` for validity dates). Names follow DigiCert's, like UsedCode's.
 */
export const orderDetailsSchema = z.object({
  id: z.string(),
  status: z.string().nullable(),
  product: z.object({ name_id: z.string().nullable(), name: z.string().nullable() }),
  common_name: z.string().nullable(),
  /** Blank entries (`[" "]` before DigiCert's May 2022 change) are dropped. */
  dns_names: z.array(z.string()),
  organization: z.object({
    name: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    country: z.string().nullable(),
  }),
  valid_from: z.string().nullable(),
  valid_till: z.string().nullable(),
  days_remaining: z.number().nullable(),
  date_created: z.string().nullable(),
  /** Absent until the certificate is issued. */
  date_issued: z.string().nullable(),
  /** The CertCentral user who placed the order. */
  requester: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  serial_number: z.string().nullable(),
  thumbprint: z.string().nullable(),
  signature_hash: z.string().nullable(),
  key_size: z.number().nullable(),
  order_valid_from: z.string().nullable(),
  order_valid_till: z.string().nullable(),
  is_multi_year_plan: z.boolean(),
  /** The certificate's validity in years. */
  validity_years: z.number().nullable(),
  /** The order's coverage in years (a multi-year plan covers several certificates). */
  order_validity_years: z.number().nullable(),
});
export type OrderDetails = z.infer<typeof orderDetailsSchema>;

/** Nested objects DigiCert may omit, send as null, or fill with keys we do not read. */
function lenientObject<T extends z.ZodRawShape>(shape: T) {
  return z
    .looseObject(shape)
    .nullish()
    .transform((value) => value ?? null);
}

const dnsNamesSchema = z
  .union([z.array(z.unknown()), z.string()])
  .nullish()
  .transform((value) => {
    const items = value == null ? [] : Array.isArray(value) ? value : [value];
    return items.flatMap((item) => {
      const name = typeof item === "string" ? blankToNull(item) : null;
      return name === null ? [] : [name];
    });
  });

const personSchema = lenientObject({
  first_name: textSchema,
  last_name: textSchema,
  email: textSchema,
});

/**
 * The order info fields the drilldown reads. Everything is optional and extra keys are kept:
 * the docs' field table is incomplete and DigiCert changes the payload per product.
 */
export const rawOrderSchema = z.looseObject({
  id: stringIdSchema,
  status: textSchema,
  date_created: dateTextSchema,
  certificate: lenientObject({
    common_name: textSchema,
    dns_names: dnsNamesSchema,
    date_created: dateTextSchema,
    date_issued: dateTextSchema,
    valid_from: dateTextSchema,
    valid_till: dateTextSchema,
    days_remaining: countSchema,
    serial_number: textSchema,
    thumbprint: textSchema,
    signature_hash: textSchema,
    key_size: countSchema,
    cert_validity: lenientObject({ years: countSchema }),
  }),
  organization: lenientObject({
    name: textSchema,
    display_name: textSchema,
    city: textSchema,
    state: textSchema,
    country: textSchema,
  }),
  product: lenientObject({ name_id: textSchema, name: textSchema }),
  product_name_id: textSchema,
  user: personSchema,
  validity_years: countSchema,
  order_validity: lenientObject({ years: countSchema }),
  order_valid_from: dateTextSchema,
  order_valid_till: dateTextSchema,
  is_multi_year_plan: flagSchema,
});
export type RawOrder = z.input<typeof rawOrderSchema>;

/**
 * Order info body → OrderDetails. Throws DigicertPayloadError when the body is not an order
 * (no usable id, or a field of the wrong kind), so the caller can answer "bad upstream
 * response" instead of showing a half-read order.
 *
 * `requestedId` is the id the caller asked for. DigiCert sends `id` as a JSON number, and one
 * past 2^53 has already lost digits in JSON.parse; the id in the request URL is exact, so when
 * it is given it is the order's id.
 */
export function normalizeOrder(raw: unknown, requestedId?: string): OrderDetails {
  const body =
    requestedId !== undefined && typeof raw === "object" && raw !== null && !Array.isArray(raw)
      ? { ...raw, id: requestedId }
      : raw;
  const parsed = rawOrderSchema.safeParse(body);
  if (!parsed.success) {
    throw new DigicertPayloadError(`order info: ${firstIssueMessage(parsed.error)}`);
  }
  const order = parsed.data;
  if (order.id === null) throw new DigicertPayloadError("order info: id is missing or blank");
  const certificate = order.certificate;
  const user = order.user;
  const requesterName = user ? [user.first_name, user.last_name].filter((n) => n !== null).join(" ") : "";
  return {
    id: order.id,
    status: order.status,
    product: {
      name_id: order.product?.name_id ?? order.product_name_id,
      name: order.product?.name ?? null,
    },
    common_name: certificate?.common_name ?? null,
    dns_names: certificate?.dns_names ?? [],
    organization: {
      name: order.organization?.name ?? order.organization?.display_name ?? null,
      city: order.organization?.city ?? null,
      state: order.organization?.state ?? null,
      country: order.organization?.country ?? null,
    },
    valid_from: certificate?.valid_from ?? null,
    valid_till: certificate?.valid_till ?? null,
    days_remaining: certificate?.days_remaining ?? null,
    date_created: order.date_created ?? certificate?.date_created ?? null,
    date_issued: certificate?.date_issued ?? null,
    requester:
      user && (requesterName !== "" || user.email !== null)
        ? { name: requesterName === "" ? null : requesterName, email: user.email }
        : null,
    serial_number: certificate?.serial_number ?? null,
    thumbprint: certificate?.thumbprint ?? null,
    signature_hash: certificate?.signature_hash ?? null,
    key_size: certificate?.key_size ?? null,
    order_valid_from: order.order_valid_from,
    order_valid_till: order.order_valid_till,
    is_multi_year_plan: order.is_multi_year_plan,
    validity_years: order.validity_years ?? certificate?.cert_validity?.years ?? null,
    order_validity_years: order.order_validity?.years ?? null,
  };
}
