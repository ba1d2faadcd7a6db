import type { UsedCodeField } from "@voucher-desk/digicert";
import { FIELDS, type FieldDef, type UsedCodeIndex, type ViewState } from "@voucher-desk/vouchers";
import { useState } from "react";
import { PopoverButton } from "../../../../components/ui/PopoverButton";
import { type TypedDrafts, TypedDraftsContext, useTypedValue } from "../../../../lib/use-typed-value";
import { chosenCount, withFilter, withSearch } from "../../view-edit";
import { FieldFilterControl } from "./FieldFilterControl";

// The questions people ask first ("which Basic OV codes, for whom?") get their own buttons;
// the rest are grouped so the bar fits at 1024 px.
const OWN_BUTTON: readonly UsedCodeField[] = ["product_name", "cert_organization", "cert_common_name"];
const DATE_FIELDS = FIELDS.filter((f) => f.filter === "dateRange");
const OTHER_FIELDS = FIELDS.filter((f) => f.filter !== "dateRange" && !OWN_BUTTON.includes(f.name));

/** The global search box, where focus goes when the last filter chip is removed. */
export const SEARCH_BOX_ID = "search-all-fields";

interface FilterBarProps {
  index: UsedCodeIndex;
  view: ViewState;
  onViewChange: (view: ViewState) => void;
}

export function FilterBar({ index, view, onViewChange }: FilterBarProps) {
  // Search applies on every keystroke: typing on in a search replaces the history entry
  // instead of adding one (see useViewHistory).
  const search = useTypedValue(view.q, (q) => onViewChange(withSearch(view, q)));
  // Typed but unapplied text of the filter boxes, kept while their popover is closed.
  const [drafts] = useState<TypedDrafts>(() => new Map());
  const searchable = FIELDS.filter((f) => f.searchable)
    .map((f) => f.label.toLowerCase())
    .join(", ");

  const group = (label: string, name: string, fields: readonly FieldDef[], wide = false) => (
    <PopoverButton
      label={label}
      name={name}
      activeCount={fields.reduce((sum, f) => sum + chosenCount(view.filters[f.name]), 0)}
      className={wide ? "popover--wide" : undefined}
    >
      <div className={wide ? "filter-grid" : undefined}>
        {fields.map((field) => (
          <FieldFilterControl
            key={field.name}
            field={field}
            index={index}
            view={view}
            onChange={(filter) => onViewChange(withFilter(view, field.name, filter))}
          />
        ))}
      </div>
    </PopoverButton>
  );

  return (
    <TypedDraftsContext value={drafts}>
      <search className="filter-bar" aria-label="Filters">
        <label className="search-box">
          <span className="visually-hidden">Search all fields</span>
          <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" focusable="false">
            <path
              fill="currentColor"
              d="M6.5 1a5.5 5.5 0 0 1 4.4 8.8l3.9 3.9-1.1 1.1-3.9-3.9A5.5 5.5 0 1 1 6.5 1Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z"
            />
          </svg>
          <input
            type="search"
            id={SEARCH_BOX_ID}
            className="input search-box__input"
            placeholder="Search codes, orders…"
            title={`Searches ${searchable}`}
            value={search.value}
            onChange={(event) => search.setValue(event.target.value)}
          />
        </label>
        {OWN_BUTTON.map((name) => {
          const field = FIELDS.find((f) => f.name === name);
          return field ? (
            <span key={name}>{group(field.label, `${field.label} filter`, [field])}</span>
          ) : null;
        })}
        {group("Date filters", "Date filters", DATE_FIELDS, true)}
        {group("More filters", "More filters", OTHER_FIELDS, true)}
      </search>
    </TypedDraftsContext>
  );
}
