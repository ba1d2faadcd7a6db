import { indexWarmUpSteps, type UsedCodeIndex } from "@voucher-desk/vouchers";
import { useEffect } from "react";

/**
 * Spends the browser's idle time on the index's lazy work (sort keys, search text), one step
 * per idle callback, so the first click on a column or the first search keystroke does not pay
 * for it. A new index (a refresh) cancels what is left of the old one's steps.
 */
export function useIndexWarmUp(index: UsedCodeIndex) {
  useEffect(() => {
    const steps = indexWarmUpSteps(index);
    let handle = 0;
    const next = () => {
      handle = requestIdle(() => {
        steps.shift()?.();
        if (steps.length > 0) next();
      });
    };
    next();
    return () => cancelIdle(handle);
  }, [index]);
}

// Safari has no requestIdleCallback; a timeout after the current work is the usual stand-in.
const requestIdle = (run: () => void): number =>
  typeof requestIdleCallback === "function" ? requestIdleCallback(run) : window.setTimeout(run, 50);
const cancelIdle = (handle: number) =>
  typeof cancelIdleCallback === "function" ? cancelIdleCallback(handle) : window.clearTimeout(handle);
