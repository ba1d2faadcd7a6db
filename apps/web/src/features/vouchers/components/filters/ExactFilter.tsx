import { useId } from "react";
import { useTypedValue } from "../../../../lib/use-typed-value";
import type { FilterControlProps } from "./filter-control-props";
import { BlankCheckbox } from "./TextFilter";

const DIGITS = /^\d+$/;

type ExactFilterProps = FilterControlProps;

/** One id, matched exactly as digits at any length (ids may exceed a JS number). */
export function ExactFilter({ field, filter, onChange }: ExactFilterProps) {
  const id = useId();
  const blank = filter?.type === "blank";
  const committed = filter?.type === "exact" ? filter.value : "";
  const input = useTypedValue(
    committed,
    (value) => {
      const trimmed = value.trim();
      if (trimmed === "") onChange(undefined);
      else if (DIGITS.test(trimmed)) onChange({ type: "exact", value: trimmed });
    },
    { key: field.name },
  );
  const invalid = input.value.trim() !== "" && !DIGITS.test(input.value.trim());

  return (
    <fieldset className="filter-field">
      <legend className="filter-field__legend">{field.label}</legend>
      <label className="visually-hidden" htmlFor={id}>
        {field.label} is exactly
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        className="input input--mono"
        placeholder="exact id"
        autoComplete="off"
        disabled={blank}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        value={input.value}
        onChange={(event) => input.setValue(event.target.value)}
      />
      {invalid ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          Use digits only.
        </p>
      ) : null}
      <BlankCheckbox field={field} checked={blank} onChange={onChange} />
    </fieldset>
  );
}
