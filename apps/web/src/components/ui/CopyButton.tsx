import { type ReactNode, useEffect, useState } from "react";
import { copyText } from "../../lib/clipboard";

interface CopyButtonProps {
  text: string;
  /** Accessible name, stable while the feedback shows: "Copy voucher code ABC…". */
  label: string;
  className?: string;
  /** Visible text; without it the button is an icon. */
  children?: ReactNode;
  /** Tooltip and accessible description: what the copied text is for (defaults to `label`). */
  description?: string;
  /** Said after copying, naming what was copied ("CSV report URL copied"); defaults to "Copied". */
  copiedMessage?: string;
}

/** Copies `text`, then says so for two seconds, on screen and to screen readers. */
export function CopyButton({
  text,
  label,
  className = "icon-button",
  children,
  description = label,
  copiedMessage = "Copied",
}: CopyButtonProps) {
  const feedback = { idle: "", copied: copiedMessage, failed: "Copy failed" } as const;
  const [state, setState] = useState<keyof typeof feedback>("idle");
  // A table reuses its rows' elements after a sort: feedback belongs to the text it was for.
  const [copiedText, setCopiedText] = useState(text);
  if (copiedText !== text) {
    setCopiedText(text);
    if (state !== "idle") setState("idle");
  }

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={label}
        title={description}
        data-state={state}
        onClick={async () => setState((await copyText(text)) ? "copied" : "failed")}
      >
        {state === "copied" ? <CheckIcon /> : <CopyIcon />}
        {/* A text button says what it copied in place of its text; its name stays `label`. */}
        {children && state === "copied" ? copiedMessage : children}
      </button>
      <span className="visually-hidden" role="status">
        {feedback[state]}
      </span>
    </>
  );
}

function CopyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" focusable="false">
      <path
        fill="currentColor"
        d="M5 1.5A1.5 1.5 0 0 1 6.5 0h7A1.5 1.5 0 0 1 15 1.5v7a1.5 1.5 0 0 1-1.5 1.5H12v-1.5h1.5v-7h-7V3H5V1.5ZM1 6.5A1.5 1.5 0 0 1 2.5 5h7A1.5 1.5 0 0 1 11 6.5v7A1.5 1.5 0 0 1 9.5 15h-7A1.5 1.5 0 0 1 1 13.5v-7Zm1.5 0v7h7v-7h-7Z"
      />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" focusable="false">
      <path fill="currentColor" d="M6.2 10.9 2.9 7.6 1.8 8.7l4.4 4.4 8-8-1.1-1.1z" />
    </svg>
  );
}
