import { describe, expect, it, vi } from "vitest";
import { onDemand } from "./on-demand";

describe("onDemand", () => {
  it("loads on the first call only, and every call gets the same value", async () => {
    const load = vi.fn(async () => ({ loaded: Math.random() }));
    const get = onDemand(load);
    expect(load).not.toHaveBeenCalled();
    const [first, second] = await Promise.all([get(), get()]);
    expect(await get()).toBe(first);
    expect(second).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("forgets a failed load, so the next call tries again", async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new TypeError("Failed to fetch dynamically imported module"))
      .mockResolvedValueOnce("module");
    const get = onDemand(load);
    await expect(get()).rejects.toThrow("Failed to fetch dynamically imported module");
    expect(await get()).toBe("module");
    expect(load).toHaveBeenCalledTimes(2);
  });
});
