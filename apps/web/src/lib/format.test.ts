import { describe, expect, it } from "vitest";
import { formatFetchedAt } from "./format";

describe("formatFetchedAt", () => {
  const at = new Date(2026, 11, 3, 19, 5);

  it("says today and the time for a list fetched today, with the exact instant as its title", () => {
    expect(formatFetchedAt(at.toISOString(), new Date(2026, 11, 3, 23, 59))).toEqual({
      label: "today at 07:05 PM",
      title: at.toISOString(),
    });
  });

  it("names the day for an older list, and passes an unreadable value through", () => {
    expect(formatFetchedAt(at.toISOString(), new Date(2026, 11, 4, 0, 1)).label).toBe(
      "Dec 3, 2026 at 07:05 PM",
    );
    expect(formatFetchedAt("yesterday-ish")).toEqual({ label: "yesterday-ish", title: "yesterday-ish" });
  });
});
