/**
 * Code the page loads when it first needs it instead of with the page (`import()` behind a
 * function). The first call starts the load and every later call shares it; a failed load
 * (offline, or a page older than the server's files) is forgotten, so the next call tries again.
 */
export function onDemand<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((cause: unknown) => {
      pending = null;
      throw cause;
    });
    return pending;
  };
}
