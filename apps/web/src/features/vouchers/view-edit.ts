/**
 * Small immutable edits of the view the controls make. What a view means (matching, sorting,
 * its URL) stays in the domain; these only build the next ViewState.
 */
import type { UsedCodeField } from "@voucher-desk/digicert";
import { DEFAULT_VIEW, FIELDS, type FieldFilter, type ViewState } from "@voucher-desk/vouchers";

export function withFilter(
  view: ViewState,
  field: UsedCodeField,
  filter: FieldFilter | undefined,
): ViewState {
  const { [field]: _previous, ...rest } = view.filters;
  return { ...view, filters: filter ? { ...rest, [field]: filter } : rest };
}

export function withSearch(view: ViewState, q: string): ViewState {
  return { ...view, q };
}

/** Filters a person types character by character (the others are picked or ticked). */
const TYPED_FILTERS: ReadonlySet<FieldFilter["type"]> = new Set(["contains", "exact", "numberRange"]);

const isTyped = (filter: FieldFilter | undefined) => filter === undefined || TYPED_FILTERS.has(filter.type);

/**
 * The box `next` was typed in, if typing in one box is all that changed from `previous`: "q"
 * for the search, or the field of a contains, exact-id or number-range filter (set, edited or
 * emptied). Null for anything else (a pick, a sort, columns, two boxes at once). The dashboard
 * keeps one history entry per burst of typing in one box (see useViewHistory).
 */
export function typedBox(previous: ViewState, next: ViewState): string | null {
  // next is built from previous by withSearch/withFilter, so unchanged parts keep their identity.
  if (previous.sort !== next.sort || previous.columns !== next.columns) return null;
  if (previous.filters === next.filters) return previous.q === next.q ? null : "q";
  if (previous.q !== next.q) return null;
  const changed = FIELDS.filter((f) => previous.filters[f.name] !== next.filters[f.name]);
  const [field] = changed;
  if (changed.length !== 1 || field === undefined) return null;
  const before = previous.filters[field.name];
  const after = next.filters[field.name];
  return isTyped(before) && isTyped(after) ? field.name : null;
}

/** Drops every filter and the search; keeps sort and columns (they are not filters). */
export function withoutFilters(view: ViewState): ViewState {
  return { ...view, q: DEFAULT_VIEW.q, filters: DEFAULT_VIEW.filters };
}

/** Number of active filters, counting the global search as one. */
export function activeFilterCount(view: ViewState): number {
  return Object.values(view.filters).filter(isActive).length + (view.q === "" ? 0 : 1);
}

/**
 * What a filter button's badge counts: the chosen values of a product/status list (5 products
 * ticked read as 5, not as "1 filter"), 1 for any other active filter.
 */
export function chosenCount(filter: FieldFilter | undefined): number {
  if (!isActive(filter)) return 0;
  return filter.type === "values" ? filter.values.length : 1;
}

/** An empty values list means nothing chosen, which filters nothing. */
export function isActive(filter: FieldFilter | undefined): filter is FieldFilter {
  return filter !== undefined && !(filter.type === "values" && filter.values.length === 0);
}

/**
 * Shows or hides columns while keeping the user's order: hidden ones are removed, newly shown
 * ones go right after the nearest visible column that precedes them in the catalog.
 */
export function withColumnVisibility(view: ViewState, visible: Record<string, boolean>): ViewState {
  const columns = view.columns.filter((name) => visible[name] !== false);
  for (const [position, field] of FIELDS.entries()) {
    if (visible[field.name] !== true || columns.includes(field.name)) continue;
    const before = FIELDS.slice(0, position)
      .map((f) => columns.indexOf(f.name))
      .filter((at) => at >= 0);
    const insertAt = before.length === 0 ? 0 : Math.max(...before) + 1;
    columns.splice(insertAt, 0, field.name);
  }
  return columns.length === 0 ? view : { ...view, columns };
}
