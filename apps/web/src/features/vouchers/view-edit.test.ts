import { DEFAULT_VIEW, type ViewState } from "@voucher-desk/vouchers";
import { describe, expect, it } from "vitest";
import { typedBox, withFilter, withSearch } from "./view-edit";

const org = (text: string) => ({ type: "contains", text }) as const;

describe("typedBox (which box a keystroke changed)", () => {
  const searching = withSearch(DEFAULT_VIEW, "ex");
  const orgTyped = withFilter(DEFAULT_VIEW, "cert_organization", org("ac"));

  it("names the search or the typed filter that was set, edited or emptied", () => {
    expect(typedBox(DEFAULT_VIEW, searching)).toBe("q");
    expect(typedBox(searching, withSearch(searching, "exa"))).toBe("q");
    expect(typedBox(searching, withSearch(searching, ""))).toBe("q");
    expect(typedBox(DEFAULT_VIEW, orgTyped)).toBe("cert_organization");
    expect(typedBox(orgTyped, withFilter(orgTyped, "cert_organization", org("acm")))).toBe(
      "cert_organization",
    );
    expect(typedBox(orgTyped, withFilter(orgTyped, "cert_organization", undefined))).toBe(
      "cert_organization",
    );
    const years = withFilter(DEFAULT_VIEW, "validity_years", { type: "numberRange", min: 1, max: null });
    expect(typedBox(years, withFilter(years, "validity_years", undefined))).toBe("validity_years");
    const id = withFilter(DEFAULT_VIEW, "certificate_order_id", { type: "exact", value: "9" });
    expect(typedBox(id, withFilter(id, "certificate_order_id", { type: "exact", value: "98" }))).toBe(
      "certificate_order_id",
    );
  });

  it("is null for anything but typing in one box: two boxes, a pick, a tick, a date, a sort, nothing", () => {
    const both = withFilter(orgTyped, "cert_common_name", org("www"));
    expect(typedBox(orgTyped, withFilter(both, "cert_organization", org("acm")))).toBeNull();
    expect(
      typedBox(orgTyped, withSearch(withFilter(orgTyped, "cert_organization", org("a")), "x")),
    ).toBeNull();
    expect(typedBox(orgTyped, withFilter(orgTyped, "cert_organization", { type: "blank" }))).toBeNull();
    const status = withFilter(DEFAULT_VIEW, "status", { type: "values", values: ["used"] });
    expect(
      typedBox(status, withFilter(status, "status", { type: "values", values: ["used", "x"] })),
    ).toBeNull();
    const created = withFilter(DEFAULT_VIEW, "created_date", {
      type: "dateRange",
      from: "2024-01-01",
      to: null,
    });
    expect(
      typedBox(
        created,
        withFilter(created, "created_date", { type: "dateRange", from: "2024-02-01", to: null }),
      ),
    ).toBeNull();
    const sorted: ViewState = { ...searching, q: "exa", sort: [{ field: "id", dir: "desc" }] };
    expect(typedBox(searching, sorted)).toBeNull();
    expect(typedBox(searching, { ...searching })).toBeNull();
  });
});
