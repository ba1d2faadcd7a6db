import type { ReactNode } from "react";

interface SkeletonTableProps {
  columns: number;
  rows?: number;
  label: ReactNode;
}

/** A placeholder with the table's shape, so the first load does not jump; `label` says what is loading. */
export function SkeletonTable({ columns, rows = 12, label }: SkeletonTableProps) {
  return (
    <div className="skeleton-table" aria-busy="true">
      <p className="skeleton-table__label" role="status" aria-live="polite">
        {label}
      </p>
      {Array.from({ length: rows }, (_, r) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity but their position
        <div className="skeleton-table__row" key={`r${r}`} aria-hidden="true">
          {Array.from({ length: columns }, (_, c) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity but their position
            <span className="skeleton" key={`c${c}`} data-w={(r + c) % 3} />
          ))}
        </div>
      ))}
    </div>
  );
}
