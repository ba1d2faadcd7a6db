import type { UsedCodeField } from "@voucher-desk/digicert";
import {
  BLANK_CHOICE_LABEL,
  FIELDS,
  type FieldDef,
  type FieldFilter,
  type UsedCodeIndex,
  type ViewState,
} from "@voucher-desk/vouchers";
import { useLayoutEffect, useRef } from "react";
import { Chip } from "../../../../components/ui/Chip";
import { isActive, withFilter, withoutFilters, withSearch } from "../../view-edit";
import { SEARCH_BOX_ID } from "./FilterBar";

interface FilterChipsProps {
  index: UsedCodeIndex;
  view: ViewState;
  onViewChange: (view: ViewState) => void;
}

/** Every active filter as a removable chip, plus "Clear all". */
export function FilterChips({ index, view, onViewChange }: FilterChipsProps) {
  // A removed chip takes its button, and the focus on it, away: focus moves to the chip that
  // took its place (or the one before), or to the search box once no chip is left.
  const list = useRef<HTMLUListElement>(null);
  const removedAt = useRef<number | null>(null);
  const chips: { key: string; label: string; remove: () => void }[] = [];
  if (view.q !== "") {
    chips.push({ key: "q", label: `Search: “${view.q}”`, remove: () => onViewChange(withSearch(view, "")) });
  }
  for (const field of FIELDS) {
    const filter = view.filters[field.name];
    if (!isActive(filter)) continue;
    chips.push({
      key: field.name,
      label: describeFilter(field, filter, index),
      remove: () => onViewChange(withFilter(view, field.name as UsedCodeField, undefined)),
    });
  }
  const chipKeys = chips.map((chip) => chip.key).join(" ");
  useLayoutEffect(() => {
    const at = removedAt.current;
    if (at === null) return;
    removedAt.current = null;
    const buttons = list.current?.querySelectorAll("button") ?? [];
    const next =
      chipKeys === "" ? null : (buttons[Math.min(at, buttons.length - 1)] as HTMLElement | undefined);
    (next ?? document.getElementById(SEARCH_BOX_ID))?.focus();
  }, [chipKeys]);
  if (chips.length === 0) return null;

  return (
    <div className="chips">
      <ul className="chips__list" aria-label="Active filters" ref={list}>
        {chips.map((chip, at) => (
          <Chip
            key={chip.key}
            label={chip.label}
            removeLabel={`Remove filter ${chip.label}`}
            onRemove={() => {
              removedAt.current = at;
              chip.remove();
            }}
          />
        ))}
      </ul>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          removedAt.current = 0;
          onViewChange(withoutFilters(view));
        }}
      >
        Clear all
      </button>
    </div>
  );
}

function describeFilter(field: FieldDef, filter: FieldFilter, index: UsedCodeIndex): string {
  const name = field.label;
  switch (filter.type) {
    case "blank":
      return `${name}: ${BLANK_CHOICE_LABEL}`;
    case "values": {
      const labels = filter.values.map((value) =>
        value === null
          ? BLANK_CHOICE_LABEL
          : field.filter === "product"
            ? (index.productNames.get(value) ?? value)
            : value,
      );
      return `${name}: ${labels.join(", ")}`;
    }
    case "contains":
      return `${name} contains “${filter.text}”`;
    case "exact":
      return `${name}: ${filter.value}`;
    case "dateRange":
    case "numberRange": {
      const [low, high] = filter.type === "dateRange" ? [filter.from, filter.to] : [filter.min, filter.max];
      if (low !== null && high !== null)
        return low === high ? `${name}: ${low}` : `${name}: ${low} – ${high}`;
      return low !== null ? `${name}: from ${low}` : `${name}: up to ${high}`;
    }
  }
}
