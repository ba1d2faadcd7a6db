/**
 * The table's columns, defined once from the domain's field catalog: header = catalog label,
 * id = DigiCert field name (so visibility, order and sort state speak the domain's names),
 * alignment and width from the field kind, and the catalog entry itself in meta for filters.
 */
import {
  type CellData,
  type ColumnDef,
  createColumnHelper,
  type RowData,
  type TableFeatures,
} from "@tanstack/react-table";
import type { UsedCode } from "@voucher-desk/digicert";
import { FIELDS, type FieldDef, type FieldKind } from "@voucher-desk/vouchers";
import type { DataTableFeatures } from "../../components/ui/data-table-features";

declare module "@tanstack/react-table" {
  // The type parameters must repeat table-core's declaration exactly for the merge.
  interface ColumnMeta<
    in out TFeatures extends TableFeatures,
    in out TData extends RowData,
    TValue extends CellData = CellData,
  > {
    /** The catalog entry behind a used-code column. */
    field?: FieldDef;
  }
}

const WIDTH_BY_KIND: Record<FieldKind, number> = {
  id: 120,
  text: 220,
  enum: 130,
  number: 110,
  datetime: 172,
  date: 124,
};

// Fields whose content needs a different width than their kind suggests.
const WIDTH_BY_FIELD: Partial<Record<FieldDef["name"], number>> = {
  id: 90,
  value: 330,
  product_name: 210,
  // 20 digits: order ids longer than a JS number holds must show whole.
  certificate_order_id: 196,
  voucher_order_id: 104,
  cert_organization: 230,
  cert_common_name: 230,
  validity_years: 96,
  validity_days: 96,
};

const helper = createColumnHelper<DataTableFeatures, UsedCode>();

function columnFor(field: FieldDef): ColumnDef<DataTableFeatures, UsedCode, unknown> {
  return helper.accessor((row) => row[field.name], {
    id: field.name,
    header: field.label,
    meta: {
      field,
      align: field.kind === "number" || field.kind === "id" ? "end" : "start",
      width: WIDTH_BY_FIELD[field.name] ?? WIDTH_BY_KIND[field.kind],
    },
  }) as ColumnDef<DataTableFeatures, UsedCode, unknown>;
}

export const usedCodeColumns: ColumnDef<DataTableFeatures, UsedCode, unknown>[] = FIELDS.map(columnFor);
