import { describe, expect, it } from "vitest";
import { FakeClock } from "../test-support/fake-clock.js";
import { InMemoryBudget } from "./budget.js";

describe("InMemoryBudget", () => {
  it("grants up to the limit of a window at once, then refuses with the time until a slot frees", async () => {
    const clock = new FakeClock();
    const budget = new InMemoryBudget([{ limit: 3, windowMs: 5_000 }], clock);
    const grants = await Promise.all([1, 2, 3].map(() => budget.acquire(0)));
    expect(grants).toEqual([{ granted: true }, { granted: true }, { granted: true }]);
    await clock.advance(1_200);
    expect(await budget.acquire(0)).toEqual({ granted: false, retryAfterMs: 3_800 });
  });

  it("honours every window: a short one can be free while a long one is full", async () => {
    const clock = new FakeClock();
    const budget = new InMemoryBudget(
      [
        { limit: 2, windowMs: 1_000 },
        { limit: 3, windowMs: 10_000 },
      ],
      clock,
    );
    expect((await budget.acquire(0)).granted).toBe(true);
    expect((await budget.acquire(0)).granted).toBe(true);
    await clock.advance(1_000);
    expect((await budget.acquire(0)).granted).toBe(true);
    await clock.advance(1_000);
    // The 1 s window is empty again, but three grants sit in the 10 s window: wait for the first to age out.
    expect(await budget.acquire(0)).toEqual({ granted: false, retryAfterMs: 8_000 });
  });

  it("makes a caller wait when a slot frees within its allowance, and never exceeds the limit while doing so", async () => {
    const clock = new FakeClock();
    const budget = new InMemoryBudget([{ limit: 2, windowMs: 1_000 }], clock);
    const grantTimes: number[] = [];
    const callers = Array.from({ length: 6 }, () =>
      budget.acquire(5_000).then((grant) => {
        if (grant.granted) grantTimes.push(clock.now());
        return grant;
      }),
    );
    await clock.advance(5_000);
    const results = await Promise.all(callers);
    expect(results.every((r) => r.granted)).toBe(true);
    expect(grantTimes).toHaveLength(6);
    for (const t of grantTimes) {
      expect(grantTimes.filter((u) => u > t - 1_000 && u <= t).length).toBeLessThanOrEqual(2);
    }
    expect(Math.max(...grantTimes) - Math.min(...grantTimes)).toBe(2_000);
  });

  it("holds everyone back after an upstream 429 until the pause is over", async () => {
    const clock = new FakeClock();
    const budget = new InMemoryBudget([{ limit: 100, windowMs: 5_000 }], clock);
    budget.pause(7_000);
    expect(await budget.acquire(1_000)).toEqual({ granted: false, retryAfterMs: 7_000 });
    await clock.advance(7_000);
    expect(await budget.acquire(0)).toEqual({ granted: true });
  });

  it("refuses an empty window list", () => {
    expect(() => new InMemoryBudget([])).toThrow(/at least one window/);
  });
});
