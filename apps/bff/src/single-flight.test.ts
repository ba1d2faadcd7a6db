import { describe, expect, it } from "vitest";
import { SingleFlight } from "./single-flight.js";

describe("SingleFlight", () => {
  it("runs concurrent calls with one key once, and different keys separately", async () => {
    const flight = new SingleFlight<string>();
    let runs = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const work = async () => {
      runs++;
      await gate;
      return `result ${runs}`;
    };
    const same = [flight.run("a", work), flight.run("a", work), flight.run("a", work)];
    const other = flight.run("b", work);
    expect(flight.has("a")).toBe(true);
    release();
    expect(await Promise.all(same)).toEqual(["result 2", "result 2", "result 2"]);
    expect(await other).toBe("result 2");
    expect(runs).toBe(2);
  });

  it("forgets a settled call, so a failure is not replayed to the next caller", async () => {
    const flight = new SingleFlight<number>();
    await expect(flight.run("k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(flight.has("k")).toBe(false);
    expect(await flight.run("k", async () => 42)).toBe(42);
  });
});
