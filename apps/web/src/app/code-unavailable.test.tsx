import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { currentUrl, json, renderApp, usedCodesLines } from "../../test/render-app";
import { orderDetails, usedCode, usedCodesResponse } from "../../test/used-codes";

// The code these load on demand never arrives, as when the server stopped after the page
// loaded (a newcomer found an order link replacing the whole page with the router's error page,
// and Export CSV failing without a word). A throwing export stands for the failed import: a
// throwing mock factory would fail the test file itself.
vi.mock("../features/orders/components/OrderDialog", () => ({
  get OrderDialog() {
    throw new TypeError("Failed to fetch dynamically imported module");
  },
}));
vi.mock("@voucher-desk/vouchers/csv", () => ({
  get writeCsv() {
    throw new TypeError("Failed to fetch dynamically imported module");
  },
}));

const ORDER_ID = "204928159";
const codes = [
  usedCode({ id: 1, certificate_order_id: ORDER_ID, value: "KEEPMEVISIBLE" }),
  usedCode({ id: 2, certificate_order_id: "204928160" }),
];

async function dashboard(url = "/?sort=id") {
  const app = renderApp(url, {
    "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(codes)),
    [`GET /api/orders/${ORDER_ID}`]: () => json(orderDetails(ORDER_ID)),
  });
  await screen.findByText("Showing 2 of 2 codes");
  return app;
}

const BANNER = "Part of this page could not be loaded";

describe("page code that cannot be loaded", () => {
  it("an order link: the dashboard stays, says so once, and the order closes", async () => {
    const { user, router } = await dashboard();
    await user.click(screen.getByRole("link", { name: ORDER_ID }));
    expect(
      await screen.findByRole("alert", { name: "" }).catch(() => screen.findByText(BANNER)),
    ).toBeTruthy();
    expect(screen.getByText(BANNER)).toBeTruthy();
    await waitFor(() => expect(currentUrl(router)).toBe("/?sort=id"));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByText("KEEPMEVISIBLE")).toBeTruthy();
    expect(screen.getByText("Showing 2 of 2 codes")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByText(BANNER)).toBeNull();
  });

  it("an order opened by its address: back on the dashboard with the same notice", async () => {
    const { router } = await dashboard(`/orders/${ORDER_ID}?sort=id`);
    expect(await screen.findByText(BANNER)).toBeTruthy();
    await waitFor(() => expect(currentUrl(router)).toBe("/?sort=id"));
    expect(screen.getByText("KEEPMEVISIBLE")).toBeTruthy();
  });

  it("Export CSV: says so instead of failing silently, and the button works again", async () => {
    const { user } = await dashboard();
    const exportButton = screen.getByRole("button", { name: "Export CSV" });
    await user.click(exportButton);
    expect(await screen.findByText(BANNER)).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Export CSV" }).hasAttribute("disabled")).toBe(false),
    );
  });
});
