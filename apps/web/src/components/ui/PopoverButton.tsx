import type { ReactNode } from "react";
import { Popover } from "../../lib/deferred-radix";

interface PopoverButtonProps {
  /** Visible text of the button. */
  label: string;
  /** Accessible name when the visible text alone would be ambiguous; it starts with `label`. */
  name?: string;
  /** How many settings inside are active; shown as a badge and in the accessible name. */
  activeCount?: number;
  children: ReactNode;
  className?: string;
}

/** A toolbar button that opens a non-modal panel (Radix Popover: focus moves in, Esc closes). */
export function PopoverButton({
  label,
  name = label,
  activeCount = 0,
  children,
  className,
}: PopoverButtonProps) {
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button
          type="button"
          className="toolbar-button"
          data-active={activeCount > 0 || undefined}
          aria-label={activeCount > 0 ? `${name}, ${activeCount} active` : name}
        >
          <span>{label}</span>
          {activeCount > 0 ? <span className="badge">{activeCount}</span> : null}
          <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12" focusable="false">
            <path fill="currentColor" d="M3.2 5.7 8 10.5l4.8-4.8 1 1L8 12.5 2.2 6.7z" />
          </svg>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className={`popover ${className ?? ""}`}
          align="start"
          sideOffset={6}
          collisionPadding={12}
          aria-label={name}
        >
          {children}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
