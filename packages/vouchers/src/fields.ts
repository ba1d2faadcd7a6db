import type { UsedCode, UsedCodeField } from "@voucher-desk/digicert";

/** What a field holds, which decides how it sorts, filters, formats and exports. */
export type FieldKind = "id" | "text" | "enum" | "number" | "datetime" | "date";

/**
 * The filter control a field offers. Each maps to `FieldFilter` shapes (see view.ts):
 * - product: multi-select of product name_ids (`values`)
 * - enum: multi-select of raw values, null = "(blank)" (`values`)
 * - text: case-insensitive contains (`contains`) or "(blank)" (`blank`)
 * - dateRange: inclusive `YYYY-MM-DD` range on the wall-clock string (`dateRange`) or `blank`
 * - numberRange: inclusive range (`numberRange`) or `blank`
 * - exact: one id, compared exactly as digits (`exact`) or `blank`
 */
export type FilterKind = "product" | "enum" | "text" | "dateRange" | "numberRange" | "exact";

export interface FieldDef {
  /** DigiCert's field name: the row key and the CSV header. */
  name: UsedCodeField;
  /** What people read: column header, filter label, accessible name. */
  label: string;
  kind: FieldKind;
  /** Short, readable key used in the URL for this field's filter, sort and column. */
  urlKey: string;
  defaultVisible: boolean;
  filter: FilterKind;
  /** Included in the global search `q`. */
  searchable: boolean;
  /** What an absent value (null) is shown as. */
  blankLabel: string;
}

export const BLANK_LABEL = "—";
/** DigiCert leaves certificate and order validity blank until the certificate is issued. */
export const NOT_ISSUED_LABEL = "Not issued";

type Spec = [
  UsedCodeField,
  string,
  FieldKind,
  string,
  FilterKind,
  { show?: boolean; search?: boolean; blank?: string },
];

// In DigiCert's key order (= its CSV column order), which is also the column picker's order.
const SPECS: Spec[] = [
  ["id", "ID", "id", "id", "exact", { show: true, search: true }],
  ["value", "Voucher code", "text", "code", "text", { show: true, search: true }],
  ["product_name", "Product", "enum", "product", "product", { show: true, search: true }],
  ["no_of_fqdns", "FQDNs", "number", "fqdns", "numberRange", {}],
  ["no_of_wildcards", "Wildcards", "number", "wildcards", "numberRange", {}],
  ["shipping_method", "Shipping", "enum", "shipping", "enum", {}],
  ["validity_years", "Validity (years)", "number", "years", "numberRange", { show: true }],
  ["validity_days", "Validity (days)", "number", "days", "numberRange", {}],
  ["status", "Status", "enum", "status", "enum", {}],
  ["created_date", "Created", "datetime", "created", "dateRange", { show: true }],
  ["voucher_order_id", "Voucher order", "id", "vorder", "exact", { show: true, search: true }],
  ["cert_request_date", "Certificate requested", "datetime", "requested", "dateRange", { show: true }],
  [
    "cert_validity_start_date",
    "Certificate valid from",
    "date",
    "cert-from",
    "dateRange",
    { blank: NOT_ISSUED_LABEL },
  ],
  [
    "cert_validity_end_date",
    "Certificate valid until",
    "date",
    "cert-until",
    "dateRange",
    { show: true, blank: NOT_ISSUED_LABEL },
  ],
  ["cert_organization", "Organization", "text", "org", "text", { show: true, search: true }],
  ["cert_common_name", "Common name", "text", "cn", "text", { show: true, search: true }],
  ["certificate_order_id", "Certificate order", "id", "corder", "exact", { show: true, search: true }],
  ["voucher_validity_end_date", "Voucher expires", "date", "expires", "dateRange", { show: true }],
  ["order_valid_from", "Order valid from", "date", "order-from", "dateRange", { blank: NOT_ISSUED_LABEL }],
  ["order_valid_till", "Order valid until", "date", "order-until", "dateRange", { blank: NOT_ISSUED_LABEL }],
  ["server_licenses", "Server licenses", "number", "licenses", "numberRange", {}],
];

export const FIELDS: readonly FieldDef[] = SPECS.map(([name, label, kind, urlKey, filter, o]) => ({
  name,
  label,
  kind,
  urlKey,
  defaultVisible: o.show ?? false,
  filter,
  searchable: o.search ?? false,
  blankLabel: o.blank ?? BLANK_LABEL,
}));

const BY_NAME = new Map(FIELDS.map((f) => [f.name, f]));
const BY_URL_KEY = new Map(FIELDS.map((f) => [f.urlKey, f]));

export function fieldDef(name: UsedCodeField): FieldDef {
  const def = BY_NAME.get(name);
  if (!def) throw new Error(`Unknown used-code field: ${name}`);
  return def;
}

/** The field a URL key names, or undefined. */
export function fieldByUrlKey(key: string): FieldDef | undefined {
  return BY_URL_KEY.get(key);
}

const NUMERIC_FIELDS: ReadonlySet<UsedCodeField> = new Set<UsedCodeField>([
  "id",
  "voucher_order_id",
  ...FIELDS.filter((f) => f.kind === "number").map((f) => f.name),
]);

/** Fields whose normalized value is a JS number: they sort numerically and are never neutralized in CSV. */
export function isNumericField(name: UsedCodeField): boolean {
  return NUMERIC_FIELDS.has(name);
}

/** The display text of one cell: the catalog's blank label for null, else the value as text. */
export function formatCell(name: UsedCodeField, value: UsedCode[UsedCodeField] | undefined): string {
  if (value === null || value === undefined) return fieldDef(name).blankLabel;
  return String(value);
}

/** The label of the filter choice that matches absent values; never confused with a real value. */
export const BLANK_CHOICE_LABEL = "(blank)";
