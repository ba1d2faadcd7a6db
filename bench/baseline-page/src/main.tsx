/**
 * The AG Grid baseline: the dashboard's default view and operations built the way an AG Grid
 * Community user would build them, with AG Grid's own sort, filter, quick filter and CSV
 * export. Same data (the BFF's /api/used-codes bytes), same columns and labels (the field
 * catalog), same "Showing N of M codes" line, so one page object drives both apps.
 * Settings that make AG Grid faster are on (cached quick filter, row ids, no row animation):
 * the baseline is AG Grid at its best, not at its defaults.
 */

import type { UsedCode } from "@voucher-desk/digicert";
import { FIELDS, type FieldDef } from "@voucher-desk/vouchers";
import {
  AllCommunityModule,
  type ColDef,
  type GridApi,
  type GridReadyEvent,
  ModuleRegistry,
  themeQuartz,
} from "ag-grid-community";
import { AgGridReact } from "ag-grid-react";
import { StrictMode, useCallback, useMemo, useRef, useState } from "react";
import { createRoot } from "react-dom/client";

ModuleRegistry.registerModules([AllCommunityModule]);

const number = new Intl.NumberFormat("en-US");

/** Blanks last in both directions, as the dashboard sorts them. */
function blanksLast<T>(compare: (a: T, b: T) => number) {
  return (a: T | null, b: T | null, _na: unknown, _nb: unknown, isDescending: boolean) => {
    if (a === null || b === null) {
      if (a === b) return 0;
      const blankLast = a === null ? 1 : -1;
      return isDescending ? -blankLast : blankLast;
    }
    return compare(a, b);
  };
}

/** Exact order of digit strings of any length (certificate order ids exceed 2^53 in theory). */
const compareDigits = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
const compareNumbers = (a: number, b: number) => a - b;
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function columnOf(field: FieldDef): ColDef<UsedCode> {
  const comparator =
    field.name === "certificate_order_id"
      ? blanksLast(compareDigits)
      : field.kind === "number" || field.kind === "id"
        ? blanksLast(compareNumbers)
        : blanksLast(compareText);
  return {
    field: field.name,
    colId: field.name,
    headerName: field.label,
    comparator: comparator as ColDef<UsedCode>["comparator"],
    filter: ["text", "product", "enum"].includes(field.filter)
      ? "agTextColumnFilter"
      : field.filter === "numberRange"
        ? "agNumberColumnFilter"
        : false,
    valueFormatter: (p) => (p.value === null || p.value === undefined ? field.blankLabel : String(p.value)),
    ...(field.searchable ? {} : { getQuickFilterText: () => "" }),
    hide: !field.defaultVisible,
    ...(field.name === "id" ? { sort: "desc" as const } : {}),
    ...(field.kind === "number" || field.kind === "id" ? { type: "rightAligned" } : {}),
  };
}

// All 21 fields, the default set shown, like the dashboard's column menu.
const COLUMNS = FIELDS.map(columnOf);

function App({ codes }: { codes: UsedCode[] }) {
  const api = useRef<GridApi<UsedCode> | null>(null);
  const [shown, setShown] = useState(codes.length);
  const [statusCounts, setStatusCounts] = useState(() => countBy(codes, (c) => c.status));
  const products = useMemo(() => [...countBy(codes, (c) => c.product_name).keys()].sort(), [codes]);

  const onGridReady = useCallback((event: GridReadyEvent<UsedCode>) => {
    api.current = event.api;
  }, []);
  const onModelUpdated = useCallback(() => setShown(api.current?.getDisplayedRowCount() ?? 0), []);
  // AG Grid Community has no faceted set filter (that is Enterprise): count what passes.
  const onFilterChanged = useCallback(() => {
    const passing: UsedCode[] = [];
    api.current?.forEachNodeAfterFilter((node) => {
      if (node.data) passing.push(node.data);
    });
    setStatusCounts(countBy(passing, (c) => c.status));
  }, []);

  const setFilter = (field: string, model: object | null) => {
    const grid = api.current;
    if (!grid) return;
    void grid.setColumnFilterModel(field, model).then(() => grid.onFilterChanged());
  };
  const setText = (field: string, type: "equals" | "contains", value: string) =>
    setFilter(field, value === "" ? null : { filterType: "text", type, filter: value });

  return (
    <main style={{ fontFamily: "system-ui", padding: 8 }}>
      <p role="status">
        Showing {number.format(shown)} of {number.format(codes.length)} codes
      </p>
      <div style={{ display: "flex", gap: 12, alignItems: "center" }}>
        <label>
          Search all fields{" "}
          <input
            type="search"
            onChange={(e) => api.current?.setGridOption("quickFilterText", e.target.value)}
          />
        </label>
        <label>
          Product{" "}
          <select defaultValue="" onChange={(e) => setText("product_name", "equals", e.target.value)}>
            <option value="">All</option>
            {products.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Validity (years) minimum{" "}
          <input
            type="number"
            onChange={(e) =>
              setFilter(
                "validity_years",
                e.target.value === ""
                  ? null
                  : { filterType: "number", type: "greaterThanOrEqual", filter: Number(e.target.value) },
              )
            }
          />
        </label>
        <button type="button" onClick={() => api.current?.exportDataAsCsv({ fileName: "used-codes.csv" })}>
          Export CSV
        </button>
        <fieldset>
          <legend>Status</legend>
          <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {[...statusCounts].map(([value, count]) => (
              <li key={value}>
                {value} <span>{number.format(count)}</span>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
      <div style={{ height: 640 }}>
        <AgGridReact<UsedCode>
          theme={themeQuartz}
          rowData={codes}
          columnDefs={COLUMNS}
          getRowId={(p) => String(p.data.id)}
          animateRows={false}
          cacheQuickFilter
          onGridReady={onGridReady}
          onModelUpdated={onModelUpdated}
          onFilterChanged={onFilterChanged}
        />
      </div>
    </main>
  );
}

function countBy(codes: UsedCode[], key: (code: UsedCode) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const code of codes) {
    const value = key(code) ?? "(blank)";
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

const response = await fetch("/api/used-codes");
const { codes } = (await response.json()) as { codes: UsedCode[] };
createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <App codes={codes} />
  </StrictMode>,
);
