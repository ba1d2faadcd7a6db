import { expect, takeExpectedProblems, test } from "./test";

/**
 * Code the dashboard loads on demand (the order view, the CSV writer) that never arrives, as
 * when the server is stopped after the page loaded: one banner, the table stays, and the
 * action works once the code can be fetched again. A newcomer found the order link replacing
 * the whole page with a generic error page, and Export CSV failing without a word.
 */
test("an order view or CSV writer that cannot be fetched leaves the table and says so", async ({
  page,
  consoleProblems,
}) => {
  let blocked = true;
  await page.route(/\/assets\/(OrderDialog|csv)-[^/]+\.js$/, (route) =>
    blocked ? route.abort() : route.fallback(),
  );
  await page.goto("/");
  await expect(page.getByText("Showing 40 of 40 codes")).toBeVisible();
  const banner = page.getByRole("alert").filter({ hasText: "Part of this page could not be loaded" });

  const link = page.getByRole("table").getByRole("link").first();
  const orderId = (await link.textContent()) ?? "";
  await link.click();
  await expect(banner).toBeVisible();
  await expect(page).toHaveURL(/\/$|\/\?/);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText("Showing 40 of 40 codes")).toBeVisible();

  await banner.getByRole("button", { name: "Dismiss" }).click();
  await page.getByRole("button", { name: "Export CSV" }).click();
  await expect(banner).toBeVisible();
  await expect(page.getByRole("button", { name: "Export CSV" })).toBeEnabled();

  // The server answers again: the same actions work without a reload.
  blocked = false;
  await page.getByRole("table").getByRole("link", { name: orderId }).click();
  await expect(page.getByRole("dialog", { name: `Order ${orderId}` })).toBeVisible();
  await page.keyboard.press("Escape");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^voucher-codes-.*\.csv$/);

  expect(takeExpectedProblems(consoleProblems, /ERR_FAILED/).length).toBeGreaterThan(0);
});
