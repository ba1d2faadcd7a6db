import {
  type CellData,
  columnOrderingFeature,
  columnVisibilityFeature,
  type RowData,
  rowSortingFeature,
  type TableFeatures,
  tableFeatures,
} from "@tanstack/react-table";

/**
 * The table features DataTable renders. Sorting is manual (the rows arrive already sorted by
 * the domain's query function), so no sorted row model or sort functions are registered:
 * the table only holds the sort state and renders the header controls.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
});
export type DataTableFeatures = typeof dataTableFeatures;

declare module "@tanstack/react-table" {
  // The type parameters must repeat table-core's declaration exactly for the merge.
  interface ColumnMeta<
    in out TFeatures extends TableFeatures,
    in out TData extends RowData,
    TValue extends CellData = CellData,
  > {
    /** Numbers and ids read best right-aligned. */
    align?: "start" | "end";
    /** Column width in pixels (the table uses fixed layout so virtualized rows line up). */
    width?: number;
  }
}
