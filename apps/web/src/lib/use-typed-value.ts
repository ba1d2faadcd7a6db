import { createContext, useContext, useEffect, useRef, useState } from "react";

/** What was typed in a box but not applied, kept while the box is closed (by box key). */
export type TypedDrafts = Map<string, { typed: string; over: string }>;
export const TypedDraftsContext = createContext<TypedDrafts | null>(null);

interface DraftOptions {
  /** Names the box among its siblings (e.g. the field), to find its draft again. */
  key: string;
  /** The applied value the draft was typed over (defaults to `outside`). */
  over?: string;
}

/**
 * A text box's own value that is committed on every change. The box keeps what was typed even
 * when it is not (yet) a committable value ("12a" in an id box, a reversed range), and an
 * outside change (Back, "Clear all", a chip removed) replaces it. With a draft key, text that
 * was not applied survives the box unmounting (a filter popover closing): it comes back when
 * the box reopens over the same applied value, so nothing typed is lost.
 */
export function useTypedValue(outside: string, commit: (value: string) => void, draft?: DraftOptions) {
  const drafts = useContext(TypedDraftsContext);
  const over = draft?.over ?? outside;
  const [value, setLocal] = useState(() => {
    const kept = draft ? drafts?.get(draft.key) : undefined;
    return kept !== undefined && kept.over === over ? kept.typed : outside;
  });
  const [seenOutside, setSeenOutside] = useState(outside);
  if (outside !== seenOutside) {
    setSeenOutside(outside);
    setLocal(outside);
  }

  const latest = useRef({ value, over });
  latest.current = { value, over };
  const key = draft?.key;
  useEffect(
    () => () => {
      if (key === undefined || drafts === null) return;
      const { value: typed, over: applied } = latest.current;
      if (typed === applied) drafts.delete(key);
      else drafts.set(key, { typed, over: applied });
    },
    [drafts, key],
  );

  const setValue = (next: string) => {
    setLocal(next);
    commit(next);
  };
  return { value, setValue };
}
