/**
 * Runs `task` once the browser has nothing more urgent to do (after the first paint, between
 * interactions); returns the cancel function, so it fits a `useEffect`. Safari has no
 * requestIdleCallback: there it runs after a short pause.
 */
export function whenIdle(task: () => void): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(task, { timeout: 2_000 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(task, 200);
  return () => window.clearTimeout(handle);
}
