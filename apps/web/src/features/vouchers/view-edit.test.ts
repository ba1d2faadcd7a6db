import { DEFAULT_VIEW, type ViewState } from "@voucher-desk/vouchers";
import { describe, expect, it } from "vitest";
import { continuesTyping, withFilter, withSearch } from "./view-edit";

const org = (text: string) => ({ type: "contains", text }) as const;

describe("continuesTyping (one history entry per typed box)", () => {
  const searching = withSearch(DEFAULT_VIEW, "ex");
  const orgTyped = withFilter(DEFAULT_VIEW, "cert_organization", org("ac"));

  it("is true for a search or a typed filter typed on, edited or shortened", () => {
    expect(continuesTyping(searching, withSearch(searching, "exa"))).toBe(true);
    expect(continuesTyping(searching, withSearch(searching, "e"))).toBe(true);
    expect(continuesTyping(orgTyped, withFilter(orgTyped, "cert_organization", org("acm")))).toBe(true);
    const years = withFilter(DEFAULT_VIEW, "validity_years", { type: "numberRange", min: 1, max: null });
    expect(
      continuesTyping(
        years,
        withFilter(years, "validity_years", { type: "numberRange", min: 12, max: null }),
      ),
    ).toBe(true);
    const id = withFilter(DEFAULT_VIEW, "certificate_order_id", { type: "exact", value: "9" });
    expect(continuesTyping(id, withFilter(id, "certificate_order_id", { type: "exact", value: "98" }))).toBe(
      true,
    );
  });

  it("is false when typing starts or ends, so Back returns to the view before it", () => {
    expect(continuesTyping(DEFAULT_VIEW, withSearch(DEFAULT_VIEW, "e"))).toBe(false);
    expect(continuesTyping(searching, withSearch(searching, ""))).toBe(false);
    expect(continuesTyping(DEFAULT_VIEW, orgTyped)).toBe(false);
    expect(continuesTyping(orgTyped, withFilter(orgTyped, "cert_organization", undefined))).toBe(false);
  });

  it("is false for anything but typing in one box: another box, a pick, a sort, columns", () => {
    const both = withFilter(orgTyped, "cert_common_name", org("www"));
    expect(continuesTyping(orgTyped, withFilter(both, "cert_organization", org("acm")))).toBe(false);
    expect(
      continuesTyping(orgTyped, withSearch(withFilter(orgTyped, "cert_organization", org("a")), "x")),
    ).toBe(false);
    const blank = withFilter(orgTyped, "cert_organization", { type: "blank" });
    expect(continuesTyping(orgTyped, blank)).toBe(false);
    const status = withFilter(DEFAULT_VIEW, "status", { type: "values", values: ["used"] });
    expect(
      continuesTyping(status, withFilter(status, "status", { type: "values", values: ["used", "x"] })),
    ).toBe(false);
    const created = withFilter(DEFAULT_VIEW, "created_date", {
      type: "dateRange",
      from: "2024-01-01",
      to: null,
    });
    const later = withFilter(created, "created_date", { type: "dateRange", from: "2024-02-01", to: null });
    expect(continuesTyping(created, later)).toBe(false);
    const sorted: ViewState = { ...searching, q: "exa", sort: [{ field: "id", dir: "desc" }] };
    expect(continuesTyping(searching, sorted)).toBe(false);
  });
});
