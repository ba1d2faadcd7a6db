import type { UsedCodeField } from "@voucher-desk/digicert";
import { FIELDS } from "./fields.js";

export type SortDir = "asc" | "desc";
export interface SortKey {
  readonly field: UsedCodeField;
  readonly dir: SortDir;
}

/**
 * One field's filter. Which shapes a field accepts follows its `FieldDef.filter`:
 * product/enum → `values`; text → `contains` | `blank`; dateRange → `dateRange` | `blank`;
 * numberRange → `numberRange` | `blank`; exact → `exact` | `blank`.
 */
export type FieldFilter =
  /** Any of these values. Product: name_ids. Enum: raw values. `null` is the "(blank)" choice. */
  | { type: "values"; values: readonly (string | null)[] }
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

export type Filters = Readonly<Partial<Record<UsedCodeField, FieldFilter>>>;

/** Plain immutable data: change it by building a new object. */
export interface ViewState {
  /** Global search across the searchable fields, case-insensitive. "" = none. */
  readonly q: string;
  /** At most one filter per field. An empty `values` list is inactive (nothing chosen). */
  readonly filters: Filters;
  /** Multi-column sort, first key wins; ties always end on `id`. [] = by id only. */
  readonly sort: readonly SortKey[];
  /** Visible columns, in display (and CSV) order. Never empty. */
  readonly columns: readonly UsedCodeField[];
}

/** Newest code first. */
export const DEFAULT_SORT: readonly SortKey[] = Object.freeze([Object.freeze({ field: "id", dir: "desc" })]);
export const DEFAULT_COLUMNS: readonly UsedCodeField[] = Object.freeze(
  FIELDS.filter((f) => f.defaultVisible).map((f) => f.name),
);

/** The view with nothing chosen. Treat it as read-only; copy before changing. */
export const DEFAULT_VIEW: ViewState = Object.freeze({
  q: "",
  filters: Object.freeze({}),
  sort: DEFAULT_SORT,
  columns: DEFAULT_COLUMNS,
});
