import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { PRODUCTS } from "@voucher-desk/digicert";
import { describe, expect, it } from "vitest";
import { renderApp, usedCodesLines } from "../../../../../test/render-app";
import { HUGE_ORDER_ID, quirkyCodes, usedCodesResponse } from "../../../../../test/used-codes";

const codes = quirkyCodes();

function setup(url = "/") {
  return renderApp(url, { "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)) });
}

function shownCount(): number {
  const text = screen.getByText(/^Showing [\d,]+ of/).textContent ?? "";
  return Number(text.replace(/^Showing ([\d,]+) of.*$/, "$1").replaceAll(",", ""));
}

function rowIds(): number[] {
  const table = screen.getByRole("table", { name: "Used voucher codes" });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => Number(within(row).getAllByRole("cell")[0]?.textContent));
}

/** Waits until the table shows exactly the codes the oracle picks. */
async function expectRows(pick: (code: (typeof codes)[number]) => boolean) {
  const expected = codes
    .filter(pick)
    .map((c) => c.id)
    .sort((a, b) => b - a);
  await waitFor(() => expect(rowIds()).toEqual(expected));
  expect(shownCount()).toBe(expected.length);
}

async function openFilter(user: ReturnType<typeof setup>["user"], name: RegExp) {
  await user.click(screen.getByRole("button", { name }));
  return screen.findByRole("dialog", { name });
}

const nameIdOf = (displayName: string) => PRODUCTS.find((p) => p.displayName === displayName)?.nameId;

describe("filters", () => {
  it("product facet counts equal the rows each choice gives, and the choice is in the URL", async () => {
    const { user, router } = setup();
    await screen.findByText(/Showing 10 of 10/);
    const panel = await openFilter(user, /^Product filter/);
    const choices = within(panel).getAllByRole("checkbox");
    const products = [...new Set(codes.map((c) => c.product_name))];
    expect(choices).toHaveLength(products.length);

    for (const checkbox of within(panel).getAllByRole("checkbox")) {
      const label = checkbox.closest("label") as HTMLElement;
      const name = label.querySelector(".facet__label")?.textContent ?? "";
      const count = Number(label.querySelector(".facet__count")?.textContent);
      await user.click(checkbox);
      await waitFor(() => expect(shownCount()).toBe(count));
      await expectRows((c) => c.product_name === name);
      expect(router.state.location.searchStr).toBe(`?product=${nameIdOf(name)}`);
      await user.click(checkbox);
      await waitFor(() => expect(shownCount()).toBe(codes.length));
    }
  });

  it("the Product button's badge counts the products chosen, not the filter", async () => {
    const products = [...new Set(codes.map((c) => c.product_name))].slice(0, 3);
    const query = products.map((name) => `product=${nameIdOf(name as string)}`).join("&");
    setup(`/?${query}&fqdns=1..`);
    await screen.findByText(/^Showing \d+ of 10/);
    const button = screen.getByRole("button", { name: /^Product filter/ });
    expect(button.getAttribute("aria-label")).toBe("Product filter, 3 active");
    expect(button.querySelector(".badge")?.textContent).toBe("3");
    // A range is one setting however wide it is.
    const more = screen.getByRole("button", { name: /^More filters/ });
    expect(more.querySelector(".badge")?.textContent).toBe("1");
  });

  it("facet counts follow the other filters (counts never lie)", async () => {
    const { user } = setup("/?fqdns=2..5");
    await screen.findByText(/Showing 3 of 10/);
    const panel = await openFilter(user, /^Product filter/);
    const countOf = (name: string) => {
      const label = within(panel).getByText(name).closest("label") as HTMLElement;
      return Number(label.querySelector(".facet__count")?.textContent);
    };
    const inRange = codes.filter((c) => (c.no_of_fqdns ?? -1) >= 2 && (c.no_of_fqdns ?? -1) <= 5);
    for (const name of ["Basic OV", "Secure Site Pro EV SSL", "GeoTrust Standard DV"]) {
      expect(countOf(name)).toBe(inRange.filter((c) => c.product_name === name).length);
    }
  });

  it("organization: case-insensitive contains, then (blank)", async () => {
    const { user, router } = setup();
    await screen.findByText(/Showing 10 of 10/);
    const panel = await openFilter(user, /^Organization filter/);
    await user.type(within(panel).getByLabelText("Organization contains"), "EXAMPLE inc");
    await waitFor(() => expect(router.state.location.searchStr).toBe("?org=EXAMPLE+inc"));
    await expectRows((c) => (c.cert_organization ?? "").toLowerCase().includes("example inc"));
    expect(router.state.location.searchStr).toBe("?org=EXAMPLE+inc");

    await user.clear(within(panel).getByLabelText("Organization contains"));
    await user.click(within(panel).getByRole("checkbox", { name: /\(blank\)/ }));
    await expectRows((c) => c.cert_organization === null);
    expect(router.state.location.searchStr).toBe("?org=");
    expect(screen.getByText("Organization: (blank)")).toBeTruthy();
  });

  it("typing then closing the panel at once keeps what was typed", async () => {
    const { user, router } = setup();
    await screen.findByText(/Showing 10 of 10/);
    const panel = await openFilter(user, /^Organization filter/);
    await user.type(within(panel).getByLabelText("Organization contains"), "example");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: /^Organization filter/ })).toBeNull());
    await waitFor(() => expect(router.state.location.searchStr).toBe("?org=example"));
    await expectRows((c) => (c.cert_organization ?? "").toLowerCase().includes("example"));
  });

  it("created date range includes the whole end day", async () => {
    const { user } = setup();
    await screen.findByText(/Showing 10 of 10/);
    const panel = await openFilter(user, /^Date filters/);
    fireEvent.change(within(panel).getByLabelText("Created from"), { target: { value: "2024-03-01" } });
    fireEvent.change(within(panel).getByLabelText("Created to"), { target: { value: "2024-03-31" } });
    await expectRows(
      (c) => (c.created_date ?? "") >= "2024-03-01" && (c.created_date ?? "").slice(0, 10) <= "2024-03-31",
    );
    expect(rowIds()).toContain(49171); // 2024-03-31 23:59:59
    expect(rowIds()).not.toContain(49175); // 2024-04-01 00:00:00
    expect(screen.getByText("Created: 2024-03-01 – 2024-03-31")).toBeTruthy();
  });

  it("a reversed date range is refused with a message and applies nothing, not even its first half", async () => {
    const { user, router } = setup();
    await screen.findByText(/Showing 10 of 10/);
    const panel = await openFilter(user, /^Date filters/);
    const from = within(panel).getByLabelText("Created from");
    const to = within(panel).getByLabelText("Created to");
    fireEvent.change(from, { target: { value: "2024-05-01" } });
    await waitFor(() => expect(router.state.location.searchStr).toBe("?created=2024-05-01.."));
    fireEvent.change(to, { target: { value: "2024-03-31" } });
    expect(await within(panel).findByText(/“From” is after “To”/)).toBeTruthy();
    // "Not applied" is true: the view is back to what it was before the panel opened (no filter)…
    await waitFor(() => expect(router.state.location.searchStr).toBe(""));
    await expectRows(() => true);
    expect(screen.queryByRole("list", { name: "Active filters" })).toBeNull();
    // …while the typed ends stay, to be corrected; the corrected range then applies.
    expect((from as HTMLInputElement).value).toBe("2024-05-01");
    expect((to as HTMLInputElement).value).toBe("2024-03-31");
    fireEvent.change(to, { target: { value: "2024-05-31" } });
    await waitFor(() => expect(router.state.location.searchStr).toBe("?created=2024-05-01..2024-05-31"));
    expect(within(panel).queryByText(/“From” is after “To”/)).toBeNull();
  });

  it("a reversed number range keeps the filter the link had, and the typed ends to correct", async () => {
    const { user, router } = setup("/?fqdns=1..10");
    await screen.findByText(/^Showing \d+ of 10/);
    const panel = await openFilter(user, /^More filters/);
    const min = within(panel).getByLabelText("FQDNs minimum");
    await user.clear(min);
    await user.type(min, "5");
    await waitFor(() => expect(router.state.location.searchStr).toBe("?fqdns=5..10"));
    const max = within(panel).getByLabelText("FQDNs maximum");
    await user.clear(max);
    await user.type(max, "3");
    expect(await within(panel).findByText(/Min is greater than max/)).toBeTruthy();
    // Not "from 5" (the half typed in this panel): the range the view had when the panel opened.
    await waitFor(() => expect(router.state.location.searchStr).toBe("?fqdns=1..10"));
    expect(screen.getByText("FQDNs: 1 – 10")).toBeTruthy();
    expect((min as HTMLInputElement).value).toBe("5");
    expect((max as HTMLInputElement).value).toBe("3");
  });

  it("typed but unapplied text survives closing the panel: a reversed range and an invalid id", async () => {
    const { user, router } = setup("/?fqdns=1..10");
    await screen.findByText(/^Showing \d+ of 10/);
    let panel = await openFilter(user, /^More filters/);
    await user.clear(within(panel).getByLabelText("FQDNs maximum"));
    await user.type(within(panel).getByLabelText("FQDNs maximum"), "0");
    expect(await within(panel).findByText(/Min is greater than max/)).toBeTruthy();
    expect(within(panel).getByLabelText("FQDNs minimum").getAttribute("aria-invalid")).toBe("true");
    await user.type(within(panel).getByLabelText("ID is exactly"), "12a");
    expect(await within(panel).findByText("Use digits only.")).toBeTruthy();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: /^More filters/ })).toBeNull());

    panel = await openFilter(user, /^More filters/);
    expect((within(panel).getByLabelText("FQDNs minimum") as HTMLInputElement).value).toBe("1");
    expect((within(panel).getByLabelText("FQDNs maximum") as HTMLInputElement).value).toBe("0");
    expect(within(panel).getByText(/Min is greater than max/)).toBeTruthy();
    expect((within(panel).getByLabelText("ID is exactly") as HTMLInputElement).value).toBe("12a");
    expect(within(panel).getByText("Use digits only.")).toBeTruthy();
    // What is applied is what was valid: the link's range, and the id's digits typed before "a".
    expect(router.state.location.searchStr).toBe("?id=12&fqdns=1..10");

    // Fixing the range applies it, and the draft is gone.
    await user.clear(within(panel).getByLabelText("FQDNs maximum"));
    await user.type(within(panel).getByLabelText("FQDNs maximum"), "5");
    await waitFor(() => expect(router.state.location.searchStr).toBe("?id=12&fqdns=1..5"));
    expect(within(panel).getByLabelText("FQDNs minimum").getAttribute("aria-invalid")).toBeNull();
  });

  it("FQDNs numeric range is inclusive", async () => {
    const { user, router } = setup();
    await screen.findByText(/Showing 10 of 10/);
    const panel = await openFilter(user, /^More filters/);
    await user.type(within(panel).getByLabelText("FQDNs minimum"), "3");
    await user.type(within(panel).getByLabelText("FQDNs maximum"), "5");
    await expectRows((c) => (c.no_of_fqdns ?? -1) >= 3 && (c.no_of_fqdns ?? -1) <= 5);
    expect(router.state.location.searchStr).toBe("?fqdns=3..5");
  });

  it("certificate order matches one id exactly, at any length", async () => {
    const { user } = setup();
    await screen.findByText(/Showing 10 of 10/);
    const panel = await openFilter(user, /^More filters/);
    const input = within(panel).getByLabelText("Certificate order is exactly");
    await user.type(input, HUGE_ORDER_ID);
    await expectRows((c) => c.certificate_order_id === HUGE_ORDER_ID);
    await user.clear(input);
    await user.type(input, "9");
    await expectRows((c) => c.certificate_order_id === "9");
    await user.clear(input);
    await user.type(input, "9x");
    expect(await within(panel).findByText("Use digits only.")).toBeTruthy();
  });

  it("global search, chips and Clear all", async () => {
    const { user, router } = setup("/?product=ssl_basic");
    await expectRows((c) => c.product_name === "Basic OV");
    await user.type(screen.getByRole("searchbox", { name: "Search all fields" }), "shop.example");
    await expectRows((c) => c.product_name === "Basic OV" && c.cert_common_name === "shop.example.org");
    const chips = screen.getByRole("list", { name: "Active filters" });
    expect(
      within(chips)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Search: “shop.example”", "Product: Basic OV"]);
    await user.click(within(chips).getByRole("button", { name: "Remove filter Search: “shop.example”" }));
    await expectRows((c) => c.product_name === "Basic OV");
    await user.click(screen.getByRole("button", { name: "Clear all" }));
    await expectRows(() => true);
    expect(router.state.location.searchStr).toBe("");
  });

  it("removing a chip keeps keyboard focus on the chips, then on the search box", async () => {
    const { user } = setup("/?product=ssl_basic&org=inc&cn=example");
    await screen.findByText(/^Showing \d+ of 10/);
    const chips = () => screen.getByRole("list", { name: "Active filters" });
    await user.click(within(chips()).getByRole("button", { name: /^Remove filter Product/ }));
    await waitFor(() =>
      expect(document.activeElement?.getAttribute("aria-label")).toBe(
        "Remove filter Organization contains “inc”",
      ),
    );
    await user.keyboard("{Enter}");
    await waitFor(() =>
      expect(document.activeElement?.getAttribute("aria-label")).toBe(
        "Remove filter Common name contains “example”",
      ),
    );
    await user.keyboard("{Enter}");
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole("searchbox", { name: "Search all fields" })),
    );

    const second = setup("/?org=inc");
    await waitFor(() => expect(screen.getAllByRole("button", { name: "Clear all" })).toHaveLength(1));
    await user.click(screen.getByRole("button", { name: "Clear all" }));
    await waitFor(() => expect(document.activeElement?.id).toBe("search-all-fields"));
    second.unmount();
  });

  it("no matches suggests only what this view can widen", async () => {
    const heading = () => screen.findByRole("heading", { name: "No codes match these filters" });
    const first = setup("/?org=no+such+organization");
    const hint = async () => (await heading()).nextElementSibling?.textContent;
    expect(await hint()).toBe("Try removing the organization filter.");
    first.unmount();
    const second = setup("/?org=no+such+organization&product=ssl_basic&q=shop&created=2030-01-01..");
    expect(await hint()).toBe("Try a wider date range, a shorter search or fewer filters.");
    second.unmount();
  });

  it("a facet with nothing to count in this view says so plainly (no quoted empty search)", async () => {
    const { user } = setup("/?org=no+such+organization");
    await screen.findByRole("heading", { name: "No codes match these filters" });
    const panel = await openFilter(user, /^More filters/);
    expect(within(panel).getAllByText("No codes in this view have a value here.")).toHaveLength(2);
    expect(within(panel).queryByText(/matches “”/)).toBeNull();
  });

  it("no matches offers one click to clear the filters", async () => {
    const { user } = setup("/?org=no+such+organization");
    expect(await screen.findByRole("heading", { name: "No codes match these filters" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    await expectRows(() => true);
  });
});
