interface ChipProps {
  label: string;
  /** What the remove button does, for screen readers: "Remove filter Product: Basic OV". */
  removeLabel: string;
  onRemove: () => void;
}

export function Chip({ label, removeLabel, onRemove }: ChipProps) {
  return (
    <li className="chip">
      <span className="chip__label">{label}</span>
      <button
        type="button"
        className="chip__remove"
        aria-label={removeLabel}
        title={removeLabel}
        onClick={onRemove}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12" focusable="false">
          <path
            fill="currentColor"
            d="M3.7 2.3 8 6.6l4.3-4.3 1.4 1.4L9.4 8l4.3 4.3-1.4 1.4L8 9.4l-4.3 4.3-1.4-1.4L6.6 8 2.3 3.7z"
          />
        </svg>
      </button>
    </li>
  );
}
