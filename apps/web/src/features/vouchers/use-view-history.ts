import type { ViewState } from "@voucher-desk/vouchers";
import { useRef } from "react";
import { typedBox } from "./view-edit";

/** Keystrokes in one box closer together than this are one burst: one history entry. */
export const TYPING_BURST_MS = 1000;

/**
 * Whether a view change should replace the current history entry rather than add one. Every
 * keystroke applies at once, so typing would otherwise leave an entry per character: a burst of
 * typing in one box (search, a contains, exact-id or number-range filter) replaces the entry it
 * started, including emptying the box. A pause, another box, or any other change starts a new
 * entry, so Back returns to each view someone stopped on, and to the view a link opened.
 */
export function useViewHistory(now: () => number = () => performance.now()) {
  const lastTyping = useRef<{ box: string; at: number } | null>(null);
  return (previous: ViewState, next: ViewState): { replace: boolean } => {
    const box = typedBox(previous, next);
    const at = now();
    const last = lastTyping.current;
    const replace = box !== null && last !== null && last.box === box && at - last.at < TYPING_BURST_MS;
    lastTyping.current = box === null ? null : { box, at };
    return { replace };
  };
}
