import type { UsedCode, UsedCodeField } from "@voucher-desk/digicert";

/** What a field holds, which decides how it sorts, filters, formats and exports. */
export type FieldKind = "id" | "text" | "enum" | "number" | "datetime" | "date";

/**
 * The filter control a field offers. Each maps to one `FieldFilter` shape (see view.ts):
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
export const NOT_ISSUED_LABEL = "Not issued";

export declare const FIELDS: readonly FieldDef[];
export declare function fieldDef(name: UsedCodeField): FieldDef;
/** The field a URL key names, or undefined. */
export declare function fieldByUrlKey(key: string): FieldDef | undefined;
/** Number-valued fields (sort numerically, never neutralized in CSV). */
export declare function isNumericField(name: UsedCodeField): boolean;
/** The display text of one cell: the catalog's blank label for null, else the value as text. */
export declare function formatCell(name: UsedCodeField, value: UsedCode[UsedCodeField] | undefined): string;
