import { useSyncExternalStore } from "react";

/**
 * How many codes of the list have arrived while it loads (null when no load is reading), for
 * the loading state: at 100,000 codes on a slow link the list takes many seconds, and a count
 * that grows says the page is working. Listeners hear at most every PROGRESS_MS, so the page
 * does not re-render per line while it is parsing them.
 */
const PROGRESS_MS = 150;

let received: number | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function notify() {
  timer = null;
  for (const listener of listeners) listener();
}

export function setUsedCodesReceived(count: number | null): void {
  if (count === received) return;
  received = count;
  if (count === null) {
    if (timer !== null) clearTimeout(timer);
    notify();
  } else {
    timer ??= setTimeout(notify, PROGRESS_MS);
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useUsedCodesReceived(): number | null {
  return useSyncExternalStore(subscribe, () => received);
}
