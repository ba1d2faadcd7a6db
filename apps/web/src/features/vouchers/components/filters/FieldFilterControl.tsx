import type { FieldDef, FieldFilter, UsedCodeIndex, ViewState } from "@voucher-desk/vouchers";
import { ExactFilter } from "./ExactFilter";
import { FacetFilter } from "./FacetFilter";
import { DateRangeFilter, NumberRangeFilter } from "./RangeFilter";
import { TextFilter } from "./TextFilter";

interface FieldFilterControlProps {
  field: FieldDef;
  index: UsedCodeIndex;
  view: ViewState;
  onChange: (filter: FieldFilter | undefined) => void;
}

/** The control the catalog names for this field's filter kind. */
export function FieldFilterControl({ field, index, view, onChange }: FieldFilterControlProps) {
  const filter = view.filters[field.name];
  switch (field.filter) {
    case "product":
    case "enum":
      return <FacetFilter field={field} index={index} view={view} onChange={onChange} />;
    case "text":
      return <TextFilter field={field} filter={filter} onChange={onChange} />;
    case "dateRange":
      return <DateRangeFilter field={field} filter={filter} onChange={onChange} />;
    case "numberRange":
      return <NumberRangeFilter field={field} filter={filter} onChange={onChange} />;
    case "exact":
      return <ExactFilter field={field} filter={filter} onChange={onChange} />;
  }
}
