import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, currentUrl, json, renderApp, usedCodesLines } from "../../../../test/render-app";
import { orderDetails, usedCode, usedCodesResponse } from "../../../../test/used-codes";

const ORDER_ID = "204928159";
const codes = [usedCode({ id: 1, certificate_order_id: ORDER_ID, cert_organization: "Example Inc." })];

/** The app at `/?org=example`, then at `next` (one more history entry), with one code and its order. */
async function setup(next: string, order = orderDetails(ORDER_ID)) {
  const app = renderApp("/?org=example", {
    "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)),
    [`GET /api/orders/${ORDER_ID}`]: () => json(order),
  });
  await screen.findByText("Showing 1 of 1 codes");
  app.router.history.push(next);
  await waitFor(() => expect(currentUrl(app.router)).toBe(next));
  return app;
}

async function dialogClosed() {
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
}

describe("closing the order dialog", () => {
  it("opened from the table, goes back: Back afterwards reaches the view before, not the dialog", async () => {
    const { user, router } = await setup("/?sort=id");
    const link = screen.getByRole("link", { name: ORDER_ID });
    await user.click(link);
    expect(await screen.findByRole("dialog", { name: `Order ${ORDER_ID}` })).toBeTruthy();
    expect(currentUrl(router)).toBe(`/orders/${ORDER_ID}?sort=id`);

    await user.keyboard("{Escape}");
    await dialogClosed();
    expect(currentUrl(router)).toBe("/?sort=id");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("link", { name: ORDER_ID })));

    router.history.back();
    await waitFor(() => expect(currentUrl(router)).toBe("/?org=example"));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("opened by a link, replaces its entry with the view: Back does not reopen it", async () => {
    const { user, router } = await setup(`/orders/${ORDER_ID}?sort=id`);
    expect(await screen.findByRole("dialog", { name: `Order ${ORDER_ID}` })).toBeTruthy();
    await user.click(screen.getAllByRole("button", { name: "Close" })[0] as HTMLElement);
    await dialogClosed();
    expect(currentUrl(router)).toBe("/?sort=id");

    router.history.back();
    await waitFor(() => expect(currentUrl(router)).toBe("/?org=example"));
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});

describe("the order dialog's wording", () => {
  it("shows timestamps as UTC text, host names whole, and the country code in capitals", async () => {
    const order = orderDetails(ORDER_ID, {
      date_created: "2026-03-07T23:04:40+00:00",
      date_issued: "2026-03-08T01:02:03+05:30",
      common_name: "a-very-long-label.subdomain.example.com",
      organization: { name: "Example Inc.", city: "Lehi", state: "Utah", country: "us" },
    });
    await setup(`/orders/${ORDER_ID}`, order);
    const dialog = await screen.findByRole("dialog", { name: `Order ${ORDER_ID}` });
    const detail = (term: string) =>
      within(dialog).getByText(term, { selector: "dt" }).nextElementSibling as HTMLElement;
    await waitFor(() => expect(detail("Created").textContent).toBe("2026-03-07 23:04:40 UTC"));
    expect(detail("Issued").textContent).toBe("2026-03-08 01:02:03 UTC+05:30");
    expect(detail("Organization").textContent).toBe("Example Inc. · Lehi, Utah, US");

    // Break opportunities only after dots and hyphens; the full name in the tooltip.
    const name = detail("Common name").querySelector(".dns-name") as HTMLElement;
    expect(name.textContent).toBe("a-very-long-label.subdomain.example.com");
    expect(name.title).toBe("a-very-long-label.subdomain.example.com");
    expect(name.innerHTML.split("<wbr>").map((part) => part.replace(/<[^>]+>/g, ""))).toEqual([
      "a-",
      "very-",
      "long-",
      "label.",
      "subdomain.",
      "example.",
      "com",
    ]);
  });

  it("says in people's words that a non-numeric address is not an order number", async () => {
    const app = renderApp("/orders/abc", {
      "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)),
      "GET /api/orders/abc": () =>
        apiError(400, "bad_request", 'Invalid params "orderId": must be 1 to 20 digits.'),
    });
    const dialog = await app.findByRole("dialog", { name: "Order abc" });
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("“abc” is not a certificate order number.");
    expect(alert.textContent).not.toContain("Invalid params");
    expect(within(dialog).queryByRole("button", { name: "Retry" })).toBeNull();
  });
});
