import { useState } from "react";
import { applyThemeChoice, effectiveScheme, readThemeChoice } from "../../lib/theme";

/** Switches to the scheme not on screen; the choice persists. Follows the system until used. */
export function ThemeToggle() {
  const [choice, setChoice] = useState(readThemeChoice);
  const scheme = effectiveScheme(choice);
  const next = scheme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="icon-button icon-button--bordered"
      aria-label={`Switch to ${next} mode`}
      title={`Switch to ${next} mode`}
      onClick={() => {
        applyThemeChoice(next);
        setChoice(next);
      }}
    >
      {scheme === "dark" ? (
        <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" focusable="false">
          <circle cx="8" cy="8" r="3.2" fill="currentColor" />
          <path
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinecap="round"
            d="M8 1v1.6M8 13.4V15M1 8h1.6M13.4 8H15M3 3l1.1 1.1M11.9 11.9 13 13M3 13l1.1-1.1M11.9 4.1 13 3"
          />
        </svg>
      ) : (
        <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" focusable="false">
          <path fill="currentColor" d="M6.2 1.2a6.8 6.8 0 1 0 8.6 8.6A5.6 5.6 0 0 1 6.2 1.2Z" />
        </svg>
      )}
    </button>
  );
}
