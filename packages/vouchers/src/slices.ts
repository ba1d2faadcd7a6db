/**
 * Work in slices: generators that yield every few thousand items, so a long computation can run
 * to its end at once when a query needs it now, or a slice at a time in the browser's idle time
 * without holding the main thread for more than a slice (the index's warm-up, decision 015).
 */

/** A computation of T that yields between slices. */
export type Slices<T> = Generator<void, T, void>;

/** Items handled between two yields: a slice of the heaviest per-row work is a few ms at most. */
export const SLICE_ROWS = 2048;

/** True at the last item of each slice: where a per-item loop yields. */
export const sliceEnds = (i: number) => i % SLICE_ROWS === SLICE_ROWS - 1;

/** Runs `slices` to its end. */
export function drain<T>(slices: Slices<T>): T {
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
  }
}

/**
 * A value computed at most once, in slices. Whoever asks first starts it; a query that needs
 * it while idle time has done part of it finishes the same run rather than starting over.
 */
export class Lazy<T> {
  #run: Slices<T> | undefined;
  #ready = false;
  #value: T | undefined;

  constructor(private readonly make: () => Slices<T>) {}

  /** The value now, computing whatever is left. */
  get(): T {
    return drain(this.slices());
  }

  /** The value as slices of a larger computation (a warm-up, or another key built on it). */
  *slices(): Slices<T> {
    while (!this.#ready) {
      this.#run ??= this.make();
      const step = this.#run.next();
      if (step.done) {
        this.#value = step.value;
        this.#ready = true;
        this.#run = undefined;
      } else {
        yield;
      }
    }
    return this.#value as T;
  }
}

/**
 * 0…count-1 sorted by `compare` (stable), in slices: runs of SLICE_ROWS are sorted natively,
 * then merged pairwise, yielding every SLICE_ROWS items placed. About the cost of one native
 * sort, but a text column of 100,000 distinct values no longer holds the thread for ~0.2 s.
 */
export function* sortIndices(count: number, compare: (a: number, b: number) => number): Slices<Uint32Array> {
  let from: Uint32Array = identity(count);
  for (let start = 0; start < count; start += SLICE_ROWS) {
    from.subarray(start, Math.min(start + SLICE_ROWS, count)).sort(compare);
    yield;
  }
  let to: Uint32Array = new Uint32Array(count);
  let placed = 0;
  for (let width = SLICE_ROWS; width < count; width *= 2) {
    for (let lo = 0; lo < count; lo += 2 * width) {
      const mid = Math.min(lo + width, count);
      const hi = Math.min(lo + 2 * width, count);
      let i = lo;
      let j = mid;
      let k = lo;
      // Left first on ties: the merge keeps the runs' order, so the sort stays stable.
      while (i < mid && j < hi) {
        to[k++] =
          compare(from[j] as number, from[i] as number) < 0 ? (from[j++] as number) : (from[i++] as number);
        if (sliceEnds(placed++)) yield;
      }
      to.set(from.subarray(i, mid), k);
      to.set(from.subarray(j, hi), k + (mid - i));
    }
    [from, to] = [to, from];
  }
  return from;
}

/** 0, 1, …, count-1 (a loop: Uint32Array.from with a callback is several times slower). */
export function identity(count: number): Uint32Array {
  const items = new Uint32Array(count);
  for (let i = 0; i < count; i++) items[i] = i;
  return items;
}
