import { type SortingState, type Updater, useTable } from "@tanstack/react-table";
import type { UsedCode } from "@voucher-desk/digicert";
import { FIELDS, type SortKey, type ViewState } from "@voucher-desk/vouchers";
import { useMemo } from "react";
import { dataTableFeatures } from "../../../components/ui/data-table-features";
import { usedCodeColumns } from "../columns";
import { withColumnVisibility } from "../view-edit";

const FIELD_NAMES = new Set<string>(FIELDS.map((f) => f.name));

function resolve<T>(updater: Updater<T>, current: T): T {
  return typeof updater === "function" ? (updater as (old: T) => T)(current) : updater;
}

// The domain's query function filters and sorts, and DataTable draws its rows: the table holds
// columns and their state only, never the data.
const NO_ROWS: UsedCode[] = [];

/**
 * The used-code table's columns and their state. Sorting, visibility and order are the view's,
 * so header clicks and the column menu change the URL.
 */
export function useUsedCodeTable(view: ViewState, onViewChange: (view: ViewState) => void) {
  const sorting = useMemo<SortingState>(
    () => view.sort.map((key) => ({ id: key.field, desc: key.dir === "desc" })),
    [view.sort],
  );
  const columnVisibility = useMemo(
    () => Object.fromEntries(FIELDS.map((f) => [f.name, view.columns.includes(f.name)])),
    [view.columns],
  );
  const columnOrder = useMemo(() => [...view.columns], [view.columns]);

  return useTable({
    features: dataTableFeatures,
    columns: usedCodeColumns,
    data: NO_ROWS,
    state: { sorting, columnVisibility, columnOrder },
    manualSorting: true,
    // Click cycles ascending ↔ descending; shift-click adds, flips or removes a secondary key.
    enableSortingRemoval: false,
    enableMultiRemove: true,
    sortDescFirst: false,
    isMultiSortEvent: (event) => (event as { shiftKey?: boolean }).shiftKey === true,
    onSortingChange: (updater) => {
      const next = resolve(updater, sorting).filter((s) => FIELD_NAMES.has(s.id));
      const sort: SortKey[] = next.map((s) => ({
        field: s.id as SortKey["field"],
        dir: s.desc ? "desc" : "asc",
      }));
      onViewChange({ ...view, sort });
    },
    onColumnVisibilityChange: (updater) =>
      onViewChange(withColumnVisibility(view, resolve(updater, columnVisibility))),
  });
}
