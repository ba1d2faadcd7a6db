import { useState } from "react";

/**
 * A text box's own value that is committed on every change. The box keeps what was typed even
 * when it is not (yet) a committable value ("12a" in an id box, a reversed range), and an
 * outside change (Back, "Clear all", a chip removed) replaces it.
 */
export function useTypedValue(outside: string, commit: (value: string) => void) {
  const [value, setLocal] = useState(outside);
  const [seenOutside, setSeenOutside] = useState(outside);
  if (outside !== seenOutside) {
    setSeenOutside(outside);
    setLocal(outside);
  }
  const setValue = (next: string) => {
    setLocal(next);
    commit(next);
  };
  return { value, setValue };
}
