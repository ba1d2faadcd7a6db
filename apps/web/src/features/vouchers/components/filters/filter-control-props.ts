import type { FieldDef, FieldFilter } from "@voucher-desk/vouchers";

/** What every single-field filter control takes: its catalog entry, its filter, and a setter. */
export interface FilterControlProps {
  field: FieldDef;
  filter: FieldFilter | undefined;
  /** undefined removes the field's filter. */
  onChange: (filter: FieldFilter | undefined) => void;
}
