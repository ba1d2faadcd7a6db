import type { ReactTable } from "@tanstack/react-table";
import type { UsedCode } from "@voucher-desk/digicert";
import type { DataTableFeatures } from "../../../components/ui/data-table-features";
import { DropdownMenu } from "../../../lib/deferred-radix";

interface ColumnMenuProps {
  // biome-ignore lint/suspicious/noExplicitAny: any selected state
  table: ReactTable<DataTableFeatures, UsedCode, any>;
  onReset: () => void;
}

/** Shows and hides columns (Radix DropdownMenu: arrow keys, type-ahead, Esc). */
export function ColumnMenu({ table, onReset }: ColumnMenuProps) {
  const columns = table.getAllLeafColumns();
  const visibleCount = columns.filter((c) => c.getIsVisible()).length;
  return (
    // Non-modal: a modal menu locks page scroll with an injected <style>, which the CSP refuses.
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="toolbar-button">
          Columns
          <span className="badge badge--muted">
            {visibleCount}/{columns.length}
          </span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={6} collisionPadding={12}>
          <DropdownMenu.Label className="menu__label">Visible columns</DropdownMenu.Label>
          {columns.map((column) => {
            const visible = column.getIsVisible();
            return (
              <DropdownMenu.CheckboxItem
                key={column.id}
                className="menu__item"
                checked={visible}
                // The view always keeps one column, so the last one cannot be hidden.
                disabled={visible && visibleCount === 1}
                onCheckedChange={(checked) => column.toggleVisibility(checked)}
                onSelect={(event) => event.preventDefault()}
              >
                <DropdownMenu.ItemIndicator className="menu__check" aria-hidden="true">
                  ✓
                </DropdownMenu.ItemIndicator>
                {column.columnDef.meta?.field?.label ?? column.id}
              </DropdownMenu.CheckboxItem>
            );
          })}
          <DropdownMenu.Separator className="menu__separator" />
          <DropdownMenu.Item className="menu__item menu__item--wide" onSelect={onReset}>
            Reset to default columns
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
