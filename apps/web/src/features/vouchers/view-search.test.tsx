import { act, screen, waitFor, within } from "@testing-library/react";
import { DEFAULT_VIEW, parseView, type ViewState } from "@voucher-desk/vouchers";
import { describe, expect, it } from "vitest";
import { currentUrl, renderApp, usedCodesLines } from "../../../test/render-app";
import { quirkyCodes, usedCodesResponse } from "../../../test/used-codes";
import { parseViewSearch, stringifyViewSearch } from "./view-search";

const codes = quirkyCodes();
const routes = { "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)) };

const TRICKY = [
  "A&B=C",
  "comma, and + plus",
  "100% %25 %zz",
  `quote " and ' apostrophe`,
  "Société Générale",
  "株式会社テスト",
  "a..b",
  "(blank)",
  "=SUM(A1)",
  "hash # and ? mark",
  "  spaced  ",
  "emoji 🎫",
];

function trickyView(text: string): ViewState {
  return {
    ...DEFAULT_VIEW,
    q: text,
    filters: {
      cert_organization: { type: "contains", text },
      // Products are ids; free text goes through a choice filter that takes any value.
      product_name: { type: "values", values: [null, "ssl_basic", "x_société_générale_dv"] },
      status: { type: "values", values: [text, null] },
      created_date: { type: "dateRange", from: "2024-01-01", to: null },
      certificate_order_id: { type: "exact", value: "98765432109876543210" },
    },
    sort: [
      { field: "certificate_order_id", dir: "desc" },
      { field: "cert_organization", dir: "asc" },
    ],
    columns: ["certificate_order_id", "value", "cert_organization"],
  };
}

describe("the URL is the view", () => {
  it.each(TRICKY)("a view holding %j survives the address bar unchanged", (text) => {
    const view = trickyView(text);
    const search = stringifyViewSearch({ view, problems: [] });
    // What a browser would store and paste back: the href, re-read from scratch.
    const pasted = new URL(`http://localhost/${search}`);
    const reread = parseViewSearch(pasted.search);
    expect(reread.problems).toEqual([]);
    expect(reread.view).toEqual(view);
  });

  it("keeps the address readable", () => {
    const search = stringifyViewSearch({
      view: {
        ...DEFAULT_VIEW,
        sort: [
          { field: "created_date", dir: "desc" },
          { field: "id", dir: "asc" },
        ],
      },
      problems: [],
    });
    expect(search).toBe("?sort=-created,id");
    expect(stringifyViewSearch({ view: DEFAULT_VIEW, problems: [] })).toBe("");
  });

  it("a pasted link reproduces the view in a fresh app: filter, chips, sort, columns", async () => {
    const text = 'Société & Co, "Ltd" 100% 株式会社';
    const first = renderApp("/", routes);
    await screen.findByText(/Showing 10 of 10/);
    await act(() => first.router.navigate({ to: "/", search: { view: trickyView(text), problems: [] } }));
    const href = currentUrl(first.router);
    first.unmount();

    const second = renderApp(href, routes);
    await screen.findByText(/^Showing 0 of 10/);
    expect(second.router.state.location.search.view).toEqual(trickyView(text));
    expect(second.router.state.location.search.problems).toEqual([]);
    const chips = within(screen.getByRole("list", { name: "Active filters" }));
    expect(chips.getByText(`Search: “${text}”`)).toBeTruthy();
    expect(chips.getByText(`Organization contains “${text}”`)).toBeTruthy();
    expect(chips.getByText("Product: (blank), Basic OV, x_société_générale_dv")).toBeTruthy();
    expect(chips.getByText(`Status: ${text}, (blank)`)).toBeTruthy();
    expect(screen.getByRole("columnheader", { name: /Certificate order/ }).getAttribute("aria-sort")).toBe(
      "descending",
    );
    expect(
      screen.getAllByRole("columnheader").map((th) => th.textContent?.replace(/[▲▼↕\d].*$/, "")),
    ).toEqual(["Certificate order", "Voucher code", "Organization"]);
  });

  it("drops an invalid parameter with a visible notice, never a crash, and cleans the address", async () => {
    const { user, router } = renderApp("/?fqdns=abc&zzz=1&sort=bogus,-corder&product=ssl_basic", routes);
    const notice = await screen.findByRole("heading", { name: "Parts of this link were ignored" });
    const items = within(notice.closest("section") as HTMLElement).getAllByRole("listitem");
    expect(items).toHaveLength(3);
    expect(items.map((li) => li.textContent).join("\n")).toMatch(/fqdns[\s\S]*zzz[\s\S]*bogus|zzz|bogus/);
    const expected = codes.filter((c) => c.product_name === "Basic OV").length;
    expect(await screen.findByText(`Showing ${expected} of 10 codes`)).toBeTruthy();
    // The address bar itself, not the router's normalized reading of it.
    await waitFor(() => expect(router.history.location.search).toBe("?product=ssl_basic&sort=-corder"));
    expect(screen.getByRole("heading", { name: "Parts of this link were ignored" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("heading", { name: "Parts of this link were ignored" })).toBeNull();
    expect(parseView(new URLSearchParams(router.state.location.searchStr)).problems).toEqual([]);
  });

  it("Back and Forward step through the views", async () => {
    const { router } = renderApp("/", routes);
    await screen.findByText(/Showing 10 of 10/);
    const go = (view: ViewState) => act(() => router.navigate({ to: "/", search: { view, problems: [] } }));
    const product: ViewState = {
      ...DEFAULT_VIEW,
      filters: { product_name: { type: "values", values: ["ssl_basic"] } },
    };
    const both: ViewState = {
      ...product,
      filters: { ...product.filters, cert_organization: { type: "blank" } },
    };
    await go(product);
    await go(both);
    const basic = codes.filter((c) => c.product_name === "Basic OV");
    await screen.findByText(
      `Showing ${basic.filter((c) => c.cert_organization === null).length} of 10 codes`,
    );

    await act(() => router.history.back());
    await screen.findByText(`Showing ${basic.length} of 10 codes`);
    await act(() => router.history.back());
    await screen.findByText("Showing 10 of 10 codes");
    await act(() => router.history.forward());
    await screen.findByText(`Showing ${basic.length} of 10 codes`);
    expect(router.state.location.searchStr).toBe("?product=ssl_basic");
  });

  it("search applies on each keystroke, and one Back undoes the whole search", async () => {
    const { router, user } = renderApp("/?product=ssl_basic", routes);
    const basic = codes.filter((c) => c.product_name === "Basic OV");
    await screen.findByText(`Showing ${basic.length} of 10 codes`);
    // One code's value, typed key by key: every keystroke narrows the table as it lands.
    const code = basic[0]?.value ?? "";
    await user.type(screen.getByRole("searchbox"), code);
    await screen.findByText("Showing 1 of 10 codes");
    await waitFor(() => expect(router.history.location.search).toBe(`?q=${code}&product=ssl_basic`));

    await act(() => router.history.back());
    await screen.findByText(`Showing ${basic.length} of 10 codes`);
    expect(router.history.location.search).toBe("?product=ssl_basic");
  });

  it("typed filters apply on each keystroke too, and one Back undoes the whole typing", async () => {
    const { router, user } = renderApp("/?sort=id", routes);
    await screen.findByText("Showing 10 of 10 codes");
    await user.click(screen.getByRole("button", { name: /^Organization filter/ }));
    const box = await screen.findByLabelText("Organization contains");
    await user.type(box, "exam");
    // "example inc. subsidiary" and "Example Inc." (contains is case-insensitive).
    const matching = codes.filter((c) => c.cert_organization?.toLowerCase().includes("exam")).length;
    await screen.findByText(`Showing ${matching} of 10 codes`);
    await waitFor(() => expect(router.history.location.search).toBe("?org=exam&sort=id"));

    await act(() => router.history.back());
    await screen.findByText("Showing 10 of 10 codes");
    expect(router.history.location.search).toBe("?sort=id");
  });
});
