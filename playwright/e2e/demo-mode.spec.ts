import { readFile } from "node:fs/promises";
import { DEMO } from "./servers";
import { expect, keepScreenshot, shownCount, test } from "./test";

/** `pnpm start` without a key: the BFF's built-in demo data. The main job must work here too. */
test.use({ baseURL: DEMO.url });

test("demo mode says so and explains how to connect a real account", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText("Demo data", { exact: true }).first()).toBeVisible();
  const banner = page.getByRole("heading", { name: "Demo data" }).locator("xpath=ancestor::section[1]");
  await expect(banner).toContainText("DIGICERT_API_KEY");
  const { shown, total } = await shownCount(page);
  expect(total).toBeGreaterThan(1000);
  expect(shown).toBe(total);
  // Thousands of codes, a few dozen rows in the DOM.
  expect(await page.locator("tbody tr").count()).toBeLessThan(100);
  await keepScreenshot(page, "default-view");
});

test("the main job in demo mode: filter by product, sort, export equals the server's CSV, open an order", async ({
  page,
}) => {
  await page.goto("/");
  const { total } = await shownCount(page);
  await page.getByRole("button", { name: "Product filter" }).click();
  const panel = page.getByRole("dialog", { name: "Product filter" });
  const choice = panel.locator("label").filter({ hasText: "Basic OV" });
  const count = Number((await choice.locator(".facet__count").textContent())?.replaceAll(",", ""));
  await choice.getByRole("checkbox").check();
  await page.keyboard.press("Escape");
  await expect(
    page.getByText(`Showing ${count.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} codes`),
  ).toBeVisible();

  await page
    .getByRole("columnheader", { name: /Certificate order/ })
    .getByRole("button")
    .click();
  await page
    .getByRole("columnheader", { name: /Certificate order/ })
    .getByRole("button")
    .click();
  await expect(page.getByRole("columnheader", { name: /Certificate order/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const exported = await readFile((await download.path()) as string);
  const server = await page.request.get(`/api/used-codes.csv${new URL(page.url()).search}`);
  expect(Buffer.compare(await server.body(), exported)).toBe(0);
  // Header + one line per row shown.
  expect(exported.toString("utf8").split("\r\n").length - 2).toBe(count);

  const link = page.getByRole("table").getByRole("link").first();
  const orderId = (await link.textContent()) ?? "";
  await link.click();
  const dialog = page.getByRole("dialog", { name: `Order ${orderId}` });
  await expect(dialog.getByText("Common name")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(link).toBeFocused();
});

test("100,000-row scale: the DOM stays small while scrolling to the end", async ({ page }) => {
  await page.goto("/");
  const { total } = await shownCount(page);
  const region = page.getByRole("region", { name: /Used voucher codes/ });
  await region.evaluate((node) => node.scrollTo(0, node.scrollHeight));
  await expect(page.locator("tbody tr[aria-rowindex]").last()).toHaveAttribute(
    "aria-rowindex",
    String(total + 1),
  );
  expect(await page.locator("tbody tr").count()).toBeLessThan(100);
});
