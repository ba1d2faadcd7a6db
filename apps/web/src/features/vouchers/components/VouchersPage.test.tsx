import { screen, waitFor, within } from "@testing-library/react";
import {
  DEFAULT_VIEW,
  USED_CODE_LINES_HEAD,
  USED_CODE_LINES_TYPE,
  usedCodeLinesGroup,
  usedCodeLinesTail,
} from "@voucher-desk/vouchers";
import { describe, expect, it } from "vitest";
import { apiError, renderApp, usedCodesLines } from "../../../../test/render-app";
import { HUGE_ORDER_ID, quirkyCodes, usedCode, usedCodesResponse } from "../../../../test/used-codes";

function tableRows() {
  const table = screen.getByRole("table", { name: "Used voucher codes" });
  return within(table).getAllByRole("row").slice(1);
}

function columnIndex(label: string): number {
  const headers = within(screen.getByRole("table", { name: "Used voucher codes" })).getAllByRole(
    "columnheader",
  );
  const at = headers.findIndex((header) => header.textContent?.startsWith(label));
  if (at < 0) throw new Error(`no column ${label}`);
  return at;
}

function columnTexts(label: string): string[] {
  const at = columnIndex(label);
  return tableRows().map((row) => within(row).getAllByRole("cell")[at]?.textContent ?? "");
}

describe("the dashboard", () => {
  it("shows every code, the count line, the source and values exactly as received", async () => {
    const codes = quirkyCodes();
    renderApp("/", { "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)) });

    expect(await screen.findByText(`Showing ${codes.length} of ${codes.length} codes`)).toBeTruthy();
    expect(screen.getByText("DigiCert US")).toBeTruthy();
    expect(tableRows()).toHaveLength(codes.length);
    // Ids and codes that look like numbers stay text; dates are the wall-clock strings.
    expect(screen.getByRole("link", { name: HUGE_ORDER_ID })).toBeTruthy();
    expect(screen.getByText("333333333333333333333333333333E7")).toBeTruthy();
    expect(screen.getAllByText("2024-03-31 23:59:59").length).toBeGreaterThan(0);
    // A blank certificate validity means "Not issued"; a blank id shows "—" and gets no link.
    const blankRow = tableRows().find((row) => row.textContent?.includes("The Extraordinarily Long"));
    expect(blankRow).toBeDefined();
    const cells = within(blankRow as HTMLElement).getAllByRole("cell");
    expect(cells[columnIndex("Certificate valid until")]?.textContent).toBe("Not issued");
    expect(cells[columnIndex("Certificate order")]?.textContent).toBe("—");
    expect(within(cells[columnIndex("Certificate order")] as HTMLElement).queryByRole("link")).toBeNull();
  });

  it("shows a days-based validity as days in the years column, not as a 0-year certificate", async () => {
    const codes = [
      usedCode({ id: 1, validity_years: 0, validity_days: 365 }),
      usedCode({ id: 2, validity_years: 2, validity_days: 0 }),
      usedCode({ id: 3, validity_years: 0, validity_days: 0 }),
    ];
    renderApp("/?sort=id", { "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)) });
    await screen.findByText("Showing 3 of 3 codes");
    const years = tableRows().map(
      (row) => within(row).getAllByRole("cell")[columnIndex("Validity (years)")] as HTMLElement,
    );
    expect(years.map((cell) => cell.textContent)).toEqual(["365 days", "2", "0"]);
    expect(years[0]?.querySelector(".muted")).not.toBeNull();
    expect(years[1]?.querySelector(".muted")).toBeNull();
  });

  it("names the source by region, and a custom DigiCert URL as such (not as DigiCert US)", async () => {
    const codes = [usedCode()];
    const { unmount } = renderApp("/", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes, { region: "eu" })),
    });
    expect(await screen.findByText("DigiCert EU")).toBeTruthy();
    unmount();
    renderApp("/", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes, { region: null })),
    });
    expect(await screen.findByText("DigiCert (custom URL)")).toBeTruthy();
    expect(screen.queryByText(/DigiCert (US|EU)/)).toBeNull();
  });

  it("groups the count line in en-US style", async () => {
    const codes = Array.from({ length: 1234 }, () => usedCode());
    renderApp("/", { "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)) });
    expect(await screen.findByText("Showing 1,234 of 1,234 codes")).toBeTruthy();
  });

  it("keeps the DOM small however many codes there are (virtualized rows)", async () => {
    const codes = Array.from({ length: 5000 }, () => usedCode());
    renderApp("/", { "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)) });
    await screen.findByText("Showing 5,000 of 5,000 codes");
    const rendered = tableRows().length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    expect(screen.getByRole("table", { name: "Used voucher codes" }).getAttribute("aria-rowcount")).toBe(
      "5001",
    );
  });

  it("goes back to the first row when a search, filter or sort makes another result, not for columns", async () => {
    // A newcomer searched while 41,000 rows down and was shown the end of the new result.
    const codes = Array.from({ length: 500 }, (_, i) =>
      usedCode({ id: i + 1, cert_organization: i % 2 ? "Acme" : "Other" }),
    );
    const { router } = renderApp("/", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)),
    });
    await screen.findByText("Showing 500 of 500 codes");
    const scroller = screen.getByRole("region", { name: "Used voucher codes, scrollable" });
    const scrollTo = (top: number) => {
      scroller.scrollTop = top;
      expect(scroller.scrollTop).toBe(top);
    };

    scrollTo(4000);
    await router.navigate({ to: "/", search: { view: { ...DEFAULT_VIEW, q: "acme" }, problems: [] } });
    await screen.findByText("Showing 250 of 500 codes");
    expect(scroller.scrollTop).toBe(0);

    scrollTo(2000);
    await router.navigate({
      to: "/",
      search: { view: { ...DEFAULT_VIEW, q: "acme", columns: ["id", "value"] }, problems: [] },
    });
    await waitFor(() => expect(screen.queryByRole("columnheader", { name: /^Organization/ })).toBeNull());
    expect(scroller.scrollTop).toBe(2000);

    await router.navigate({
      to: "/",
      search: {
        view: {
          ...DEFAULT_VIEW,
          q: "acme",
          columns: ["id", "value"],
          sort: [{ field: "value", dir: "asc" }],
        },
        problems: [],
      },
    });
    await waitFor(() => expect(scroller.scrollTop).toBe(0));
  });

  it("sorts by certificate order numerically and exactly, blanks last both ways, via the URL", async () => {
    const { user, router } = renderApp("/", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(quirkyCodes())),
    });
    await screen.findByText(/Showing 10 of 10/);
    const header = () => screen.getByRole("columnheader", { name: /Certificate order/ });

    await user.click(within(header()).getByRole("button"));
    expect(header().getAttribute("aria-sort")).toBe("ascending");
    expect(router.state.location.searchStr).toBe("?sort=corder");
    await waitFor(() => expect(columnTexts("Certificate order")[0]).toBe("9"));
    const ascending = columnTexts("Certificate order");
    const ids = ascending.filter((text) => text !== "—");
    const byValue = [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
    expect(ids).toEqual(byValue);
    expect(ids[0]).toBe("9");
    expect(ids.at(-1)).toBe(HUGE_ORDER_ID);
    expect(ascending.at(-1)).toBe("—");

    await user.click(within(header()).getByRole("button"));
    expect(header().getAttribute("aria-sort")).toBe("descending");
    await waitFor(() => expect(columnTexts("Certificate order")[0]).toBe(HUGE_ORDER_ID));
    const descending = columnTexts("Certificate order");
    expect(descending.filter((text) => text !== "—")).toEqual([...ids].reverse());
    expect(descending.at(-1)).toBe("—");
  });

  it("links each certificate order to its drilldown over the current view, a real link for new tabs", async () => {
    const { user, router } = renderApp("/?sort=-corder", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(quirkyCodes())),
    });
    await screen.findByText(/Showing 10 of 10/);
    const link = () => screen.getByRole("link", { name: HUGE_ORDER_ID });
    expect(link().getAttribute("href")).toBe(`/orders/${HUGE_ORDER_ID}?sort=-corder`);

    // The href follows the view, so a link copied or opened in a new tab shows the same view.
    await user.type(screen.getByRole("searchbox", { name: "Search all fields" }), "98765");
    await waitFor(() =>
      expect(link().getAttribute("href")).toBe(`/orders/${HUGE_ORDER_ID}?q=98765&sort=-corder`),
    );

    // A modified click is the browser's (new tab/window): the app does not navigate itself.
    await user.keyboard("{Control>}");
    await user.click(link());
    await user.keyboard("{/Control}");
    expect(router.state.location.pathname).toBe("/");

    await user.click(link());
    await waitFor(() => expect(router.state.location.pathname).toBe(`/orders/${HUGE_ORDER_ID}`));
    expect(router.state.location.searchStr).toBe("?q=98765&sort=-corder");
    expect(router.state.location.state.openedFromTable).toBe(true);
  });

  it("adds a secondary sort key with shift-click and says its rank", async () => {
    const codes = quirkyCodes();
    const { user, router } = renderApp("/", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)),
    });
    await screen.findByText(/Showing 10 of 10/);
    await user.click(within(screen.getByRole("columnheader", { name: /^Product/ })).getByRole("button"));
    await user.keyboard("{Shift>}");
    await user.click(
      within(screen.getByRole("columnheader", { name: /^Certificate order/ })).getByRole("button"),
    );
    await user.keyboard("{/Shift}");

    expect(router.state.location.searchStr).toBe("?sort=product,corder");
    const product = screen.getByRole("columnheader", { name: /^Product/ });
    const order = screen.getByRole("columnheader", { name: /^Certificate order/ });
    expect(product.getAttribute("aria-sort")).toBe("ascending");
    expect(order.getAttribute("aria-sort")).toBeNull();
    expect(order.textContent).toContain("2nd sort key, ascending");
    // Within one product, certificate orders ascend numerically, the blank one last.
    const expected = codes
      .filter((c) => c.product_name === "Basic OV")
      .map((c) => c.certificate_order_id)
      .sort((a, b) => (a === null ? 1 : b === null ? -1 : Number(BigInt(a) - BigInt(b) > 0n) * 2 - 1))
      .map((id) => id ?? "—");
    await waitFor(() => {
      const products = columnTexts("Product");
      expect(products).toEqual([...products].sort());
      expect(columnTexts("Certificate order").filter((_, i) => products[i] === "Basic OV")).toEqual(expected);
    });
  });

  it("shows a skeleton while the first load runs, saying so on screen", async () => {
    renderApp("/", { "GET /api/used-codes": () => new Promise<Response>(() => {}) });
    const status = await screen.findByRole("status");
    expect(status.textContent).toBe("Loading voucher codes…");
    expect(status.classList.contains("visually-hidden")).toBe(false);
  });

  it("counts the codes received while a long list arrives, then shows the table", async () => {
    // A newcomer on a slow link watched a grey skeleton for a minute with nothing changing.
    const codes = Array.from({ length: 30 }, (_, i) => usedCode({ id: i + 1 }));
    const { codes: _all, ...rest } = usedCodesResponse(codes);
    const encoder = new TextEncoder();
    let stream!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        stream = controller;
      },
    });
    renderApp("/", {
      "GET /api/used-codes": () =>
        new Response(body, { headers: { "Content-Type": `${USED_CODE_LINES_TYPE}; charset=utf-8` } }),
    });
    await screen.findByText("Loading voucher codes…");
    stream.enqueue(encoder.encode(USED_CODE_LINES_HEAD + usedCodeLinesGroup(codes.slice(0, 20))));
    expect(await screen.findByText("Loading voucher codes… 20 received")).toBeTruthy();
    stream.enqueue(
      encoder.encode(usedCodeLinesGroup(codes.slice(20)) + usedCodeLinesTail(30, JSON.stringify(rest))),
    );
    stream.close();
    expect(await screen.findByText("Showing 30 of 30 codes")).toBeTruthy();
    expect(screen.queryByText(/Loading voucher codes/)).toBeNull();
  });

  it("shows the BFF's message on error, and Retry loads the codes", async () => {
    let calls = 0;
    const { user } = renderApp("/", {
      "GET /api/used-codes": () => {
        calls += 1;
        return calls === 1
          ? apiError(503, "upstream_rate_limited", "DigiCert is rate limiting this API key. Retry in 30 s.")
          : usedCodesLines(usedCodesResponse(quirkyCodes()));
      },
    });
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("DigiCert is limiting requests right now")).toBeTruthy();
    expect(within(alert).getByText("DigiCert is rate limiting this API key. Retry in 30 s.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();

    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByText(/Showing 10 of 10/)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows the version-skew error when a checked row is malformed, not a half-read table", async () => {
    const codes = Array.from({ length: 1_000 }, (_, i) => usedCode({ id: i + 1 }));
    // The last row is always checked; a server of another version would send every row this way.
    const skewed = [...codes.slice(0, -1), { ...usedCode({ id: 1_000 }), id: "1000" }];
    renderApp("/", { "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(skewed as never)) });
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("The Voucher Desk server sent an unexpected answer")).toBeTruthy();
    expect(within(alert).getByText(/server and page versions may differ/)).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("says when the account has no used codes, instead of an empty table", async () => {
    renderApp("/", { "GET /api/used-codes": () => usedCodesLines(usedCodesResponse([])) });
    expect(await screen.findByRole("heading", { name: "No used voucher codes yet" })).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("explains demo mode and how to connect a real account", async () => {
    renderApp("/", {
      "GET /api/used-codes": () =>
        usedCodesLines(usedCodesResponse(quirkyCodes(), { source: "demo", region: null })),
    });
    expect(await screen.findByText("Demo data", { selector: ".source-badge" })).toBeTruthy();
    const banner = screen.getByRole("heading", { name: "Demo data" }).closest("section") as HTMLElement;
    expect(banner.textContent).toContain("DIGICERT_API_KEY");
    // The command the README gives newcomers, word for word.
    expect(banner.querySelector("code")?.textContent).toBe("DIGICERT_API_KEY=<your key> npm start");
  });

  it("marks stale data", async () => {
    renderApp("/", {
      "GET /api/used-codes": () =>
        usedCodesLines(usedCodesResponse(quirkyCodes(), { stale: true, region: "eu" })),
    });
    expect(await screen.findByRole("heading", { name: "Showing an older copy" })).toBeTruthy();
    expect(screen.getByText("DigiCert EU")).toBeTruthy();
  });

  it("refreshes through POST /api/used-codes/refresh and shows the new list", async () => {
    const { user, fetchMock } = renderApp("/", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(quirkyCodes())),
      "POST /api/used-codes/refresh": () =>
        usedCodesLines(
          usedCodesResponse([...quirkyCodes(), usedCode()], { fetchedAt: "2026-12-03T10:00:00.000Z" }),
        ),
    });
    await screen.findByText(/Showing 10 of 10/);
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("Showing 11 of 11 codes")).toBeTruthy();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === "POST")).toBe(true);
  });

  it("keeps the list and shows the BFF's message when a refresh is refused", async () => {
    const { user } = renderApp("/", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(quirkyCodes())),
      "POST /api/used-codes/refresh": () => apiError(429, "rate_limited", "Refreshed too often; wait 20 s."),
    });
    await screen.findByText(/Showing 10 of 10/);
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("Refreshed too often; wait 20 s.")).toBeTruthy();
    expect(screen.getByText(/Showing 10 of 10/)).toBeTruthy();
  });

  it("hides and shows columns from the menu, in the URL", async () => {
    const { user, router } = renderApp("/", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(quirkyCodes())),
    });
    await screen.findByText(/Showing 10 of 10/);
    await user.click(screen.getByRole("button", { name: /Columns/ }));
    await user.click(await screen.findByRole("menuitemcheckbox", { name: "Organization" }));
    await user.click(screen.getByRole("menuitemcheckbox", { name: "Server licenses" }));
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("columnheader", { name: /^Organization/ })).toBeNull());
    expect(screen.getByRole("columnheader", { name: /Server licenses/ })).toBeTruthy();
    expect(router.state.location.searchStr).toContain("cols=");
    expect(router.state.location.searchStr).not.toContain(",org,");
    expect(router.state.location.searchStr).toMatch(/licenses/);
  });
});
