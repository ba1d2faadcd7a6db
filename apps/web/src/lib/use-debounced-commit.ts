import { useEffect, useRef, useState } from "react";

/**
 * A text field's local value that reaches `commit` only after typing pauses, so each
 * keystroke does not add a history entry or re-run a 100k-row query. An outside change
 * (Back, "Clear all") replaces the local value; unmounting commits what is pending.
 */
export function useDebouncedCommit(outside: string, commit: (value: string) => void, delayMs = 300) {
  const [value, setValue] = useState(outside);
  const commitRef = useRef(commit);
  commitRef.current = commit;
  const lastCommitted = useRef(outside);

  useEffect(() => {
    lastCommitted.current = outside;
    setValue(outside);
  }, [outside]);

  useEffect(() => {
    if (value === lastCommitted.current) return;
    const timer = setTimeout(() => {
      // An outside change may have landed meanwhile (e.g. the "(blank)" box was ticked).
      if (value === lastCommitted.current) return;
      lastCommitted.current = value;
      commitRef.current(value);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);

  // Unmounting with typing not yet committed (a filter panel closed within the pause) commits
  // it, so nothing typed is lost.
  const latest = useRef(value);
  latest.current = value;
  useEffect(
    () => () => {
      if (latest.current !== lastCommitted.current) commitRef.current(latest.current);
    },
    [],
  );

  /** Commits at once (Enter, blur). */
  const flush = () => {
    if (value === lastCommitted.current) return;
    lastCommitted.current = value;
    commitRef.current(value);
  };
  return { value, setValue, flush };
}
