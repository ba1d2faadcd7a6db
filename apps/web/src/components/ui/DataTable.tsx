import type { Column, Header, ReactTable, RowData } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, type ReactNode, useLayoutEffect, useRef } from "react";
import type { DataTableFeatures } from "./data-table-features";

const ROW_HEIGHT = 36;
const DEFAULT_WIDTH = 160;

interface DataTableProps<TData extends RowData> {
  // biome-ignore lint/suspicious/noExplicitAny: the selected-state shape does not matter to rendering
  table: ReactTable<DataTableFeatures, TData, any>;
  /** The rows to draw, in order, already filtered and sorted by the caller. */
  rows: readonly TData[];
  /** The content of one cell; a stable function (rows are memoized on it). */
  renderCell: RenderCell<TData>;
  /** Accessible name of the table. */
  label: string;
  /** Shown under the header when there are no rows. */
  empty?: ReactNode;
  /**
   * Which result the rows are (the filters, search and sort that made them). When it changes,
   * the table goes back to its first row: a new result shown from the middle reads as if it
   * began there. The same result with other rows (a refresh) keeps its place.
   */
  resultKey?: string;
}

/**
 * A generic, virtualized table: sticky header, sortable header buttons with aria-sort, fixed
 * row height, and only the rows in view (plus a margin) in the DOM. The table instance holds
 * the columns and their state (order, visibility, sort); the rows come from the caller and
 * only those in view are drawn, so no row model is ever built over the whole data set (at
 * 100k codes that was 100k row objects and ~100 ms before the first paint).
 */
export function DataTable<TData extends RowData>({
  table,
  rows,
  renderCell,
  label,
  empty,
  resultKey,
}: DataTableProps<TData>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const shownResult = useRef(resultKey);
  // Before paint, so the new result is never drawn at the old result's scroll position.
  useLayoutEffect(() => {
    if (shownResult.current === resultKey) return;
    shownResult.current = resultKey;
    if (scrollRef.current && scrollRef.current.scrollTop !== 0) scrollRef.current.scrollTop = 0;
  }, [resultKey]);
  const columns = table.getVisibleLeafColumns();
  // Items are keyed by position (the default): after a sort the same <tr> elements show other
  // rows, instead of every visible row being unmounted and mounted again.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows beyond the viewport: enough for a wheel step, few enough that every sort or filter
    // (which changes every drawn row) stays cheap to render and lay out.
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const sortCount = columns.filter((column) => column.getIsSorted()).length;
  const width = columns.reduce((sum, column) => sum + (column.columnDef.meta?.width ?? DEFAULT_WIDTH), 0);

  return (
    // The scroll container is focusable so keyboard users can scroll it (both directions).
    <section
      className="data-table"
      ref={scrollRef}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      aria-label={`${label}, scrollable`}
    >
      <table
        className="data-table__table"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        style={{ width }}
      >
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={{ width: column.columnDef.meta?.width ?? DEFAULT_WIDTH }} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header} multiSort={sortCount > 1} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 ? (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds no content or focus
            <tr className="data-table__spacer" aria-hidden="true" style={{ height: paddingTop }} />
          ) : null}
          {items.map((item) => {
            const datum = rows[item.index];
            if (datum === undefined) return null;
            return (
              <DataRow
                key={item.key}
                index={item.index}
                datum={datum}
                columns={columns}
                renderCell={renderCell}
              />
            );
          })}
          {paddingBottom > 0 ? (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds no content or focus
            <tr className="data-table__spacer" aria-hidden="true" style={{ height: paddingBottom }} />
          ) : null}
        </tbody>
      </table>
      {rows.length === 0 && empty ? <div className="data-table__empty">{empty}</div> : null}
    </section>
  );
}

type RenderCell<TData extends RowData> = (
  datum: TData,
  // biome-ignore lint/suspicious/noExplicitAny: any column value type
  column: Column<DataTableFeatures, TData, any>,
) => ReactNode;

interface DataRowProps<TData extends RowData> {
  index: number;
  datum: TData;
  // biome-ignore lint/suspicious/noExplicitAny: any column value type
  columns: Column<DataTableFeatures, TData, any>[];
  renderCell: RenderCell<TData>;
}

function DataRowContent<TData extends RowData>({ index, datum, columns, renderCell }: DataRowProps<TData>) {
  return (
    <tr aria-rowindex={index + 2} data-index={index}>
      {columns.map((column) => (
        <td key={column.id} className={column.columnDef.meta?.align === "end" ? "cell--end" : undefined}>
          {renderCell(datum, column)}
        </td>
      ))}
    </tr>
  );
}

/**
 * One drawn row. Memoized: when a filter or a search keystroke leaves a row in view at the same
 * place (the same datum, the same columns), it is not rendered again.
 */
const DataRow = memo(DataRowContent) as typeof DataRowContent;

const ORDINALS = ["", "", "2nd", "3rd"];

function HeaderCell({
  header,
  multiSort,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: any row type
  header: Header<DataTableFeatures, any, unknown>;
  multiSort: boolean;
}) {
  const column = header.column;
  const meta = column.columnDef.meta;
  const align = meta?.align === "end" ? "cell--end" : undefined;
  const label = typeof column.columnDef.header === "string" ? column.columnDef.header : column.id;
  if (!column.getCanSort()) {
    return (
      <th scope="col" className={align}>
        {label}
      </th>
    );
  }
  const direction = column.getIsSorted();
  const index = column.getSortIndex();
  // ARIA wants aria-sort on one header at a time: the primary sort key. Secondary keys say
  // their rank in the button text instead.
  const ariaSort = direction && index === 0 ? (direction === "asc" ? "ascending" : "descending") : undefined;
  const rank = direction && multiSort ? index + 1 : null;
  return (
    <th scope="col" className={align} aria-sort={ariaSort}>
      <button
        type="button"
        className="th-button"
        onClick={column.getToggleSortingHandler()}
        title={`Sort by ${label}. Shift-click to add it to the current sort.`}
      >
        <span className="th-button__label">{label}</span>
        <span className="th-button__sort" data-direction={direction || "none"} aria-hidden="true">
          {direction === "asc" ? "▲" : direction === "desc" ? "▼" : "↕"}
          {rank ? <sup>{rank}</sup> : null}
        </span>
        {direction && index > 0 ? (
          <span className="visually-hidden">
            , {ORDINALS[index + 1] ?? `${index + 1}th`} sort key,{" "}
            {direction === "asc" ? "ascending" : "descending"}
          </span>
        ) : null}
      </button>
    </th>
  );
}
