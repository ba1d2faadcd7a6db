import {
  BLANK_CHOICE_LABEL,
  type FieldDef,
  type FieldFilter,
  facetCounts,
  type UsedCodeIndex,
  type ViewState,
} from "@voucher-desk/vouchers";
import { useId, useMemo, useState } from "react";
import { formatCount } from "../../../../lib/format";

interface FacetFilterProps {
  field: FieldDef;
  index: UsedCodeIndex;
  view: ViewState;
  onChange: (filter: FieldFilter | undefined) => void;
}

interface Choice {
  key: string | null;
  label: string;
  count: number;
}

/**
 * Multi-select with live counts. Counts come from the domain's facetCounts (rows matching
 * every other filter), so choosing "Basic OV (12)" gives exactly 12 rows.
 */
export function FacetFilter({ field, index, view, onChange }: FacetFilterProps) {
  const filter = view.filters[field.name];
  const selected = filter?.type === "values" ? filter.values : [];
  const [query, setQuery] = useState("");
  const listId = useId();

  const choices = useMemo(() => {
    const counts = facetCounts(index, view, field.name);
    const labelOf = (key: string | null) =>
      key === null
        ? BLANK_CHOICE_LABEL
        : field.filter === "product"
          ? (index.productNames.get(key) ?? key)
          : key;
    // Every value present in the data stays listed (with 0 when other filters exclude it), so
    // the list does not jump while filtering; a chosen value is listed even if absent.
    const keys = new Set<string | null>(field.filter === "product" ? index.productNames.keys() : []);
    for (const key of counts.keys()) keys.add(key);
    for (const key of selected) keys.add(key);
    const list: Choice[] = [...keys].map((key) => ({
      key,
      label: labelOf(key),
      count: counts.get(key) ?? 0,
    }));
    return list.sort((a, b) =>
      a.key === null
        ? 1
        : b.key === null
          ? -1
          : a.label.localeCompare(b.label, "en", { sensitivity: "base" }),
    );
  }, [index, view, field, selected]);

  const needle = query.trim().toLocaleLowerCase();
  const shown = needle === "" ? choices : choices.filter((c) => c.label.toLocaleLowerCase().includes(needle));

  const toggle = (key: string | null, on: boolean) => {
    const next = on ? [...selected, key] : selected.filter((k) => k !== key);
    onChange(next.length === 0 ? undefined : { type: "values", values: next });
  };

  return (
    <fieldset className="facet">
      <legend className="facet__legend">{field.label}</legend>
      {choices.length > 8 ? (
        <input
          type="search"
          className="input facet__search"
          placeholder={`Find a ${field.label.toLowerCase()}…`}
          aria-label={`Find a ${field.label.toLowerCase()}`}
          aria-controls={listId}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      ) : null}
      <ul className="facet__list" id={listId}>
        {shown.map((choice) => (
          <li key={choice.key ?? "\u0000blank"}>
            <label className="facet__choice" data-empty={choice.count === 0 || undefined}>
              <input
                type="checkbox"
                checked={selected.includes(choice.key)}
                onChange={(event) => toggle(choice.key, event.target.checked)}
              />
              <span className={choice.key === null ? "facet__label cell-blank" : "facet__label"}>
                {choice.label}
              </span>
              <span className="facet__count">{formatCount(choice.count)}</span>
            </label>
          </li>
        ))}
        {shown.length === 0 ? (
          <li className="facet__none">
            {needle === ""
              ? "No codes in this view have a value here."
              : `No ${field.label.toLowerCase()} matches “${query}”.`}
          </li>
        ) : null}
      </ul>
      {selected.length > 0 ? (
        <button type="button" className="link-button" onClick={() => onChange(undefined)}>
          Clear {field.label.toLowerCase()} filter
        </button>
      ) : null}
    </fieldset>
  );
}
