import type { UsedCodeField } from "@voucher-desk/digicert";

export type SortDir = "asc" | "desc";
export interface SortKey {
  field: UsedCodeField;
  dir: SortDir;
}

/**
 * One field's filter. Which shapes a field accepts follows its `FieldDef.filter`:
 * product/enum → `values`; text → `contains` | `blank`; dateRange → `dateRange` | `blank`;
 * numberRange → `numberRange` | `blank`; exact → `exact` | `blank`.
 */
export type FieldFilter =
  /** Any of these values. Product: name_ids. Enum: raw values. `null` is the "(blank)" choice. */
  | { type: "values"; values: (string | null)[] }
  /** Case-insensitive substring; never empty. */
  | { type: "contains"; text: string }
  /** Only rows where the field is absent ("(blank)"). Distinct from any real value. */
  | { type: "blank" }
  /** Inclusive `YYYY-MM-DD` bounds; the `to` day is included whole. At least one bound is set. */
  | { type: "dateRange"; from: string | null; to: string | null }
  /** Inclusive numeric bounds. At least one bound is set. */
  | { type: "numberRange"; min: number | null; max: number | null }
  /** One id, digits only, compared exactly at any length (leading zeros ignored). */
  | { type: "exact"; value: string };

export type Filters = Partial<Record<UsedCodeField, FieldFilter>>;

export interface ViewState {
  /** Global search across the searchable fields, case-insensitive. "" = none. */
  q: string;
  filters: Filters;
  /** Multi-column sort, first key wins; ties always end on `id`. */
  sort: SortKey[];
  /** Visible columns, in display (and CSV) order. Never empty. */
  columns: UsedCodeField[];
}

export declare const DEFAULT_SORT: readonly SortKey[];
export declare const DEFAULT_COLUMNS: readonly UsedCodeField[];
export declare const DEFAULT_VIEW: ViewState;
