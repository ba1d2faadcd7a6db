import { describe, expect, it } from "vitest";
import { RollingWindowLimiter } from "./rate-limiter.js";

// A hand-driven clock: these tests check the counting, never the wall time.
describe("RollingWindowLimiter", () => {
  it("allows `limit` requests per rolling window, then refuses until the oldest leaves it", () => {
    const limiter = new RollingWindowLimiter([{ limit: 3, windowMs: 1000 }]);
    expect([0, 100, 200].map((t) => limiter.take("k", t).allowed)).toEqual([true, true, true]);
    expect(limiter.take("k", 999)).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(limiter.take("k", 1000).allowed).toBe(true); // the request at 0 has left the window
    expect(limiter.take("k", 1050)).toEqual({ allowed: false, retryAfterMs: 50 });
  });

  it("rolls instead of resetting at fixed instants", () => {
    const limiter = new RollingWindowLimiter([{ limit: 2, windowMs: 1000 }]);
    limiter.take("k", 900);
    limiter.take("k", 950);
    // A fixed window would reset at 1000; a rolling one still sees both requests.
    expect(limiter.take("k", 1100).allowed).toBe(false);
    expect(limiter.take("k", 1900).allowed).toBe(true);
  });

  it("applies every window: the long one refuses even when the short one has room", () => {
    const limiter = new RollingWindowLimiter([
      { limit: 2, windowMs: 100 },
      { limit: 3, windowMs: 10_000 },
    ]);
    expect([0, 10, 200].map((t) => limiter.take("k", t).allowed)).toEqual([true, true, true]);
    expect(limiter.take("k", 400)).toEqual({ allowed: false, retryAfterMs: 9600 });
    expect(limiter.take("k", 10_000).allowed).toBe(true);
  });

  it("does not count refused requests, so backing off is enough to recover", () => {
    const limiter = new RollingWindowLimiter([{ limit: 1, windowMs: 100 }]);
    limiter.take("k", 0);
    for (let t = 10; t < 100; t += 10) expect(limiter.take("k", t).allowed).toBe(false);
    expect(limiter.take("k", 100).allowed).toBe(true);
  });

  it("counts each key on its own, and reset() empties every window", () => {
    const limiter = new RollingWindowLimiter([{ limit: 1, windowMs: 1000 }]);
    expect(limiter.take("a", 0).allowed).toBe(true);
    expect(limiter.take("b", 0).allowed).toBe(true);
    expect(limiter.take("a", 1).allowed).toBe(false);
    limiter.reset();
    expect(limiter.take("a", 2).allowed).toBe(true);
  });

  it("with no windows allows everything, and refuses a nonsense window", () => {
    const open = new RollingWindowLimiter([]);
    expect(Array.from({ length: 500 }, (_, t) => open.take("k", t).allowed).every(Boolean)).toBe(true);
    expect(() => new RollingWindowLimiter([{ limit: 0, windowMs: 10 }])).toThrow(RangeError);
    expect(() => new RollingWindowLimiter([{ limit: 1, windowMs: 0 }])).toThrow(RangeError);
  });
});
