import { describe, expect, it } from "vitest";
import { drain, Lazy, SLICE_ROWS, type Slices, sortIndices } from "./slices.js";
import { seededRandom } from "./test-support/rows.js";

/** How many times `slices` yields before it returns, and what it returns. */
function countYields<T>(slices: Slices<T>): { yields: number; value: T } {
  let yields = 0;
  for (;;) {
    const step = slices.next();
    if (step.done) return { yields, value: step.value };
    yields++;
  }
}

describe("sortIndices", () => {
  it("orders like a stable native sort, ties in index order, at sizes around the slice length", () => {
    const random = seededRandom(3);
    for (const count of [0, 1, 2, SLICE_ROWS - 1, SLICE_ROWS, SLICE_ROWS + 1, 3 * SLICE_ROWS + 17, 20_000]) {
      // Few distinct keys, so most comparisons are ties that only stability orders.
      const keys = Array.from({ length: count }, () => Math.floor(random() * 50));
      const compare = (a: number, b: number) => (keys[a] as number) - (keys[b] as number);
      const expected = Array.from({ length: count }, (_, i) => i).sort(compare);
      expect(Array.from(drain(sortIndices(count, compare))), `count ${count}`).toEqual(expected);
    }
  });

  it("never does more than one run's sort or one slice of merging between two yields", () => {
    const count = 10 * SLICE_ROWS;
    const keys = Array.from({ length: count }, (_, i) => (i * 7919) % count); // a permutation
    let compared = 0;
    const sorting = sortIndices(count, (a, b) => {
      compared++;
      return (keys[a] as number) - (keys[b] as number);
    });
    const perSlice: number[] = [];
    let step = sorting.next();
    while (!step.done) {
      perSlice.push(compared);
      compared = 0;
      step = sorting.next();
    }
    // A run of SLICE_ROWS sorted natively takes at most about n log2 n comparisons; a merge
    // slice exactly SLICE_ROWS.
    expect(Math.max(...perSlice)).toBeLessThanOrEqual(SLICE_ROWS * Math.log2(SLICE_ROWS));
    expect(perSlice.length).toBeGreaterThan(3 * (count / SLICE_ROWS));
    expect(Array.from(step.value, (i) => keys[i])).toEqual(Array.from({ length: count }, (_, i) => i));
  });
});

describe("Lazy", () => {
  function* countdown(log: string[], from: number): Slices<string> {
    for (let n = from; n > 0; n--) {
      log.push(`slice ${n}`);
      yield;
    }
    return "done";
  }

  it("computes once, whoever asks first", () => {
    const log: string[] = [];
    let made = 0;
    const lazy = new Lazy(() => {
      made++;
      return countdown(log, 3);
    });
    expect(lazy.get()).toBe("done");
    expect(lazy.get()).toBe("done");
    expect(countYields(lazy.slices())).toEqual({ yields: 0, value: "done" });
    expect(made).toBe(1);
    expect(log).toEqual(["slice 3", "slice 2", "slice 1"]);
  });

  it("a get() during a half-done warm-up finishes the same run instead of starting over", () => {
    const log: string[] = [];
    let made = 0;
    const lazy = new Lazy(() => {
      made++;
      return countdown(log, 4);
    });
    const warmUp = lazy.slices();
    warmUp.next();
    warmUp.next();
    expect(log).toEqual(["slice 4", "slice 3"]);
    expect(lazy.get()).toBe("done");
    expect(log).toEqual(["slice 4", "slice 3", "slice 2", "slice 1"]);
    // The warm-up, resumed later, finds the value ready.
    expect(warmUp.next()).toEqual({ done: true, value: "done" });
    expect(made).toBe(1);
  });
});
