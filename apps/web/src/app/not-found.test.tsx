import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp, usedCodesLines } from "../../test/render-app";
import { quirkyCodes, usedCodesResponse } from "../../test/used-codes";

describe("an address that is no page", () => {
  for (const path of ["/nope", "/orders/", "/orders/123/extra"]) {
    it(`${path} says so over the dashboard and links back to it`, async () => {
      renderApp(path, { "GET /api/used-codes": () => usedCodesLines(usedCodesResponse(quirkyCodes())) });
      expect(await screen.findByText("There is no page at this address")).toBeTruthy();
      expect(screen.getByRole("link", { name: "Back to the voucher codes" }).getAttribute("href")).toBe("/");
    });
  }
});
