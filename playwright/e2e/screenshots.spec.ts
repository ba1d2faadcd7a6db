import { DEMO } from "./servers";
import { expect, keepScreenshot, test } from "./test";

/**
 * The main states as pictures, for people to look at (docs/screenshots). The default, filtered,
 * drilldown and error pictures are taken where those states are tested; these add the rest.
 */
test.use({ baseURL: DEMO.url });

test("dark mode", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/?product=ssl_basic&product=ssl_securesite_flex&sort=-created");
  await expect(page.getByRole("table")).toBeVisible();
  await keepScreenshot(page, "dark-mode");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("dialog").getByText("Common name")).toBeVisible();
  await keepScreenshot(page, "dark-mode-drilldown");
});

test("the theme toggle overrides the system and is remembered", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).toBe(dark);
  await page.getByRole("button", { name: "Switch to light mode" }).click();
  expect(await background()).not.toBe(dark);
});

test("narrow windows: usable at 1024 px, the table scrolls sideways below", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto("/?product=ssl_basic");
  await expect(page.getByRole("table")).toBeVisible();
  // Nothing but the table scrolls sideways: the page itself fits.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await expect(page.getByRole("button", { name: "Export CSV" })).toBeInViewport();
  await keepScreenshot(page, "narrow-1024");

  await page.setViewportSize({ width: 800, height: 700 });
  const region = page.getByRole("region", { name: /Used voucher codes/ });
  const scrolls = await region.evaluate((node) => node.scrollWidth > node.clientWidth);
  expect(scrolls).toBe(true);
  await keepScreenshot(page, "narrow-800");
});

test("filter panels", async ({ page }) => {
  await page.goto("/?product=ssl_basic");
  await page.getByRole("button", { name: /Product filter/ }).click();
  await expect(page.getByRole("dialog", { name: "Product filter" })).toBeVisible();
  await keepScreenshot(page, "product-filter");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Date filters" }).click();
  await expect(page.getByRole("dialog", { name: "Date filters" })).toBeVisible();
  await keepScreenshot(page, "date-filters");
});
