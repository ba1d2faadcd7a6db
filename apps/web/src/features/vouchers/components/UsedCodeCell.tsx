import type { Column } from "@tanstack/react-table";
import type { UsedCode } from "@voucher-desk/digicert";
import { type FieldDef, formatCell } from "@voucher-desk/vouchers";
import { CopyButton } from "../../../components/ui/CopyButton";
import type { DataTableFeatures } from "../../../components/ui/data-table-features";
import { plural } from "../../../lib/format";
import { OrderLink } from "./OrderLink";

// Text longer than this may not fit its column; it becomes focusable so keyboard users can
// reveal it (hover reveals it for mouse users, see .truncate in table.css).
const REVEAL_FROM_CHARS = 24;

interface UsedCodeCellProps {
  field: FieldDef;
  row: UsedCode;
}

/** One cell, formatted by the catalog: values exactly as received, blanks by their label. */
export function UsedCodeCell({ field, row }: UsedCodeCellProps) {
  const value = row[field.name];
  if (value === null || value === undefined) {
    return <span className="cell-blank">{formatCell(field.name, value)}</span>;
  }
  const text = formatCell(field.name, value);

  // DigiCert sets a validity in days or in years; a days-based code has validity_years 0, which
  // an auditor would read as a "0-year certificate". The cell shows the days (the CSV keeps the
  // raw values).
  if (field.name === "validity_years" && value === 0 && (row.validity_days ?? 0) > 0) {
    return <span className="muted">{plural(row.validity_days ?? 0, "day", "days")}</span>;
  }

  if (field.name === "value") {
    return (
      <span className="voucher-code">
        <code className="voucher-code__text">{text}</code>
        <CopyButton text={text} label={`Copy voucher code ${text}`} />
      </span>
    );
  }
  if (field.name === "certificate_order_id") {
    return <OrderLink orderId={text} />;
  }
  if (text.length >= REVEAL_FROM_CHARS) {
    return (
      // biome-ignore lint/a11y/noNoninteractiveTabindex: focus reveals the full value of a truncated cell
      <span className="truncate" tabIndex={0}>
        {text}
      </span>
    );
  }
  return <span className="truncate">{text}</span>;
}

/** DataTable's cell renderer for the used-code columns (each carries its catalog entry). */
export function renderUsedCodeCell(code: UsedCode, column: Column<DataTableFeatures, UsedCode, unknown>) {
  const field = column.columnDef.meta?.field;
  return field ? <UsedCodeCell field={field} row={code} /> : null;
}
