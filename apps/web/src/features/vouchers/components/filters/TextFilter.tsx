import {
  BLANK_CHOICE_LABEL,
  type FieldDef,
  type FieldFilter,
  NOT_ISSUED_LABEL,
} from "@voucher-desk/vouchers";
import { useId } from "react";
import { useTypedValue } from "../../../../lib/use-typed-value";
import type { FilterControlProps } from "./filter-control-props";

type TextFilterProps = FilterControlProps;

/** Case-insensitive "contains", or "(blank)" for rows where the field is absent. */
export function TextFilter({ field, filter, onChange }: TextFilterProps) {
  const id = useId();
  const blank = filter?.type === "blank";
  const text = filter?.type === "contains" ? filter.text : "";
  const input = useTypedValue(
    text,
    (value) => onChange(value === "" ? undefined : { type: "contains", text: value }),
    { key: field.name },
  );

  return (
    <fieldset className="filter-field">
      <legend className="filter-field__legend">{field.label}</legend>
      <label className="visually-hidden" htmlFor={id}>
        {field.label} contains
      </label>
      <input
        id={id}
        type="search"
        className="input"
        placeholder="contains…"
        autoComplete="off"
        disabled={blank}
        value={input.value}
        onChange={(event) => input.setValue(event.target.value)}
      />
      <BlankCheckbox field={field} checked={blank} onChange={onChange} />
    </fieldset>
  );
}

interface BlankCheckboxProps {
  field: FieldDef;
  checked: boolean;
  onChange: (filter: FieldFilter | undefined) => void;
}

/** The explicit "(blank)" choice: rows where the field is absent, which no text can match. */
export function BlankCheckbox({ field, checked, onChange }: BlankCheckboxProps) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked ? { type: "blank" } : undefined)}
      />
      <span>
        {BLANK_CHOICE_LABEL}{" "}
        <span className="muted">
          only codes where it is {field.blankLabel === NOT_ISSUED_LABEL ? "not issued yet" : "empty"}
        </span>
      </span>
    </label>
  );
}
