import { useEffect, useState } from "react";

/**
 * Code the page loads on demand (the order view, the CSV writer, the toolbar's menus) can fail
 * to arrive: the server stopped, the connection dropped, or the server was updated and the page
 * is older than its files. Whoever hits that reports it here, and the dashboard says so once, in
 * one banner, instead of each action failing silently or the whole page giving way to an error.
 * Trying the action again loads the code again (`onDemand` forgets a failed load).
 */
const listeners = new Set<() => void>();

export function reportCodeUnavailable(): void {
  for (const listener of listeners) listener();
}

/** Whether a load failed since the last dismissal, and the dismissal. */
export function useCodeUnavailable(): { unavailable: boolean; dismiss: () => void } {
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    const show = () => setUnavailable(true);
    listeners.add(show);
    return () => {
      listeners.delete(show);
    };
  }, []);
  return { unavailable, dismiss: () => setUnavailable(false) };
}
