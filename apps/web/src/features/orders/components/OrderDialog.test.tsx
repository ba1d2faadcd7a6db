import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { currentUrl, json, renderApp } from "../../../../test/render-app";
import { orderDetails, usedCode, usedCodesResponse } from "../../../../test/used-codes";

const ORDER_ID = "204928159";
const codes = [usedCode({ id: 1, certificate_order_id: ORDER_ID, cert_organization: "Example Inc." })];

/** The app at `/?org=example`, then at `next` (one more history entry), with one code and its order. */
async function setup(next: string, order = orderDetails(ORDER_ID)) {
  const app = renderApp("/?org=example", {
    "GET /api/used-codes": () => json(usedCodesResponse(codes)),
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
