import { indexWarmUp, type UsedCodeIndex } from "@voucher-desk/vouchers";
import { useEffect } from "react";

/**
 * Work per idle callback where the browser cannot say whether input is waiting. An idle period
 * may promise up to 50 ms, and an input arriving in it waits until the callback returns.
 */
const BLIND_BUDGET_MS = 5;

/** Chromium's `navigator.scheduling.isInputPending()`: input queued behind the running task. */
const inputPending: (() => boolean) | null = (() => {
  const scheduling = (globalThis.navigator as { scheduling?: { isInputPending?: () => boolean } } | undefined)
    ?.scheduling;
  return typeof scheduling?.isInputPending === "function"
    ? () => scheduling.isInputPending?.() ?? false
    : null;
})();

/**
 * Spends the browser's idle time on the index's lazy work (sort keys, search text, facet
 * codes), in slices of a few thousand rows, so the first click on a column or the first search
 * keystroke finds its keys ready. A click or key arriving meanwhile waits for one slice at most:
 * the callback returns as soon as input is pending (or, where that cannot be known, after a
 * few ms). A callback requested inside an idle period only runs in the next one, so each
 * callback uses its whole period when it can (decision 015). A new index (a refresh) cancels
 * what is left of the old one's work.
 */
export function useIndexWarmUp(index: UsedCodeIndex) {
  useEffect(() => {
    const work = indexWarmUp(index);
    let handle = 0;
    const run = (deadline: IdleDeadline) => {
      const end = performance.now() + (inputPending ? deadline.timeRemaining() : BLIND_BUDGET_MS);
      do {
        if (work.next().done) return;
      } while (performance.now() < end && !inputPending?.());
      handle = requestIdle(run);
    };
    handle = requestIdle(run);
    return () => cancelIdle(handle);
  }, [index]);
}

// Safari has no requestIdleCallback; a timeout after the current work is the usual stand-in.
const requestIdle = (run: (deadline: IdleDeadline) => void): number => {
  if (typeof requestIdleCallback === "function") return requestIdleCallback(run);
  return window.setTimeout(() => run({ didTimeout: false, timeRemaining: () => BLIND_BUDGET_MS }), 50);
};
const cancelIdle = (handle: number) =>
  typeof cancelIdleCallback === "function" ? cancelIdleCallback(handle) : window.clearTimeout(handle);
