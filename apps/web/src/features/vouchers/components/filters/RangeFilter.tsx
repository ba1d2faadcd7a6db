import type { FieldFilter } from "@voucher-desk/vouchers";
import { type InputHTMLAttributes, useId, useState } from "react";
import { useTypedValue } from "../../../../lib/use-typed-value";
import type { FilterControlProps } from "./filter-control-props";
import { BlankCheckbox } from "./TextFilter";

type RangeFilterProps = FilterControlProps;

interface RangePartProps extends InputHTMLAttributes<HTMLInputElement> {
  /** Visible caption ("From", "Min"). */
  caption: string;
  /** Accessible name, led by the field's catalog label ("Created from"). */
  name: string;
}

/** One end of a range: a captioned input. */
function RangePart({ caption, name, ...input }: RangePartProps) {
  const id = useId();
  return (
    <label className="range__part" htmlFor={id}>
      <span className="range__label">{caption}</span>
      <input id={id} className="input" aria-label={name} {...input} />
    </label>
  );
}

/**
 * A reversed range applies nothing, as its message says: the field goes back to the filter it
 * had when the panel opened (or none), so a half typed before ("from 5") does not stay applied.
 * The reversed ends stay on screen to be corrected: `shown` holds them while the view reverts.
 * Ranges travel as "low..high" text (ends may be empty), the form both inputs edit.
 */
function useRangeCommit(
  filter: FieldFilter | undefined,
  textOf: (filter: FieldFilter | undefined) => string,
  onChange: (filter: FieldFilter | undefined) => void,
) {
  const [atOpen] = useState(filter);
  const committed = textOf(filter);
  const [held, setHeld] = useState<{ typed: string; over: string } | null>(null);
  const shown = held !== null && held.over === committed ? held.typed : committed;
  return {
    shown,
    refuse(typed: string) {
      setHeld({ typed, over: textOf(atOpen) });
      if (textOf(atOpen) !== committed) onChange(atOpen);
    },
    apply(next: FieldFilter | undefined) {
      setHeld(null);
      onChange(next);
    },
  };
}

const dateRangeText = (filter: FieldFilter | undefined) =>
  filter?.type === "dateRange" ? `${filter.from ?? ""}..${filter.to ?? ""}` : "..";

const numberRangeText = (filter: FieldFilter | undefined) =>
  filter?.type === "numberRange" ? `${filter.min ?? ""}..${filter.max ?? ""}` : "..";

/** Inclusive date range on the wall-clock strings ("to" includes that whole day), or "(blank)". */
export function DateRangeFilter({ field, filter, onChange }: RangeFilterProps) {
  const blank = filter?.type === "blank";
  const errorId = useId();
  const range = useRangeCommit(filter, dateRangeText, onChange);
  const typed = useTypedValue(
    range.shown,
    (text) => {
      const [from = "", to = ""] = text.split("..");
      if (from !== "" && to !== "" && from > to) return range.refuse(text);
      range.apply(
        from === "" && to === "" ? undefined : { type: "dateRange", from: from || null, to: to || null },
      );
    },
    { key: field.name, over: dateRangeText(filter) },
  );
  const [from = "", to = ""] = typed.value.split("..");
  const draft = { from, to };
  const reversed = from !== "" && to !== "" && from > to;
  const update = (next: { from: string; to: string }) => typed.setValue(`${next.from}..${next.to}`);
  const invalid = reversed ? { "aria-invalid": true, "aria-describedby": errorId } : {};

  return (
    <fieldset className="filter-field">
      <legend className="filter-field__legend">{field.label}</legend>
      <div className="range">
        <RangePart
          caption="From"
          name={`${field.label} from`}
          type="date"
          disabled={blank}
          {...invalid}
          value={draft.from}
          max={draft.to || undefined}
          onChange={(event) => update({ ...draft, from: event.target.value })}
        />
        <RangePart
          caption="To"
          name={`${field.label} to`}
          type="date"
          disabled={blank}
          {...invalid}
          value={draft.to}
          min={draft.from || undefined}
          onChange={(event) => update({ ...draft, to: event.target.value })}
        />
      </div>
      {reversed ? (
        <p className="field-error" role="alert" id={errorId}>
          “From” is after “To”; the range was not applied.
        </p>
      ) : null}
      <BlankCheckbox field={field} checked={blank} onChange={onChange} />
    </fieldset>
  );
}

/** Inclusive numeric range, or "(blank)". */
export function NumberRangeFilter({ field, filter, onChange }: RangeFilterProps) {
  const blank = filter?.type === "blank";
  const errorId = useId();
  const commit = useRangeCommit(filter, numberRangeText, onChange);
  const range = useTypedValue(
    commit.shown,
    (value) => {
      const [min = "", max = ""] = value.split("..");
      const low = min === "" ? null : Number(min);
      const high = max === "" ? null : Number(max);
      if ((low !== null && !Number.isFinite(low)) || (high !== null && !Number.isFinite(high))) return;
      if (low !== null && high !== null && low > high) return commit.refuse(value);
      commit.apply(low === null && high === null ? undefined : { type: "numberRange", min: low, max: high });
    },
    { key: field.name, over: numberRangeText(filter) },
  );
  const [min = "", max = ""] = range.value.split("..");
  const reversed = min !== "" && max !== "" && Number(min) > Number(max);
  const invalid = reversed ? { "aria-invalid": true, "aria-describedby": errorId } : {};

  return (
    <fieldset className="filter-field">
      <legend className="filter-field__legend">{field.label}</legend>
      <div className="range">
        <RangePart
          caption="Min"
          name={`${field.label} minimum`}
          type="number"
          inputMode="numeric"
          disabled={blank}
          {...invalid}
          value={min}
          onChange={(event) => range.setValue(`${event.target.value}..${max}`)}
        />
        <RangePart
          caption="Max"
          name={`${field.label} maximum`}
          type="number"
          inputMode="numeric"
          disabled={blank}
          {...invalid}
          value={max}
          onChange={(event) => range.setValue(`${min}..${event.target.value}`)}
        />
      </div>
      {reversed ? (
        <p className="field-error" role="alert" id={errorId}>
          Min is greater than max; the range was not applied.
        </p>
      ) : null}
      <BlankCheckbox field={field} checked={blank} onChange={onChange} />
    </fieldset>
  );
}
