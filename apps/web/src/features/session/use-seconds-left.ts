import { useEffect, useState } from "react";

/**
 * Counts `seconds` down to 0, once per second, from the moment `since` (any value that marks
 * one occurrence, such as the error that asked for the wait) appears; 0 while `since` is null.
 */
export function useSecondsLeft(since: unknown, seconds: number): number {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (since === null || seconds <= 0) {
      setLeft(0);
      return;
    }
    const until = Date.now() + seconds * 1000;
    setLeft(seconds);
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [since, seconds]);
  return left;
}
