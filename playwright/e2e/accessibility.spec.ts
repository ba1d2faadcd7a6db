import { clearFaults, setFaults } from "./faults";
import { FAULTS } from "./servers";
import { expect, seriousViolations, test } from "./test";

/** axe-core over the main states; none may have a serious or critical violation. */

test("default and filtered views, light and dark", async ({ page }) => {
  await page.goto("/?product=ssl_basic&sort=corder");
  await expect(page.getByRole("table")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await seriousViolations(page)).toEqual([]);
});

test("the product filter open", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Product filter" }).click();
  await expect(page.getByRole("dialog", { name: "Product filter" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the date and more filters open", async ({ page }) => {
  await page.goto("/");
  for (const name of ["Date filters", "More filters"]) {
    await page.getByRole("button", { name }).click();
    await expect(page.getByRole("dialog", { name })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
  }
});

test("the column menu open", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: /Columns/ }).click();
  await expect(page.getByRole("menu")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the order drilldown, light and dark", async ({ page }) => {
  await page.goto("/?sort=corder");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("dialog").getByText("Common name")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await seriousViolations(page)).toEqual([]);
});

test("no matches, and a link with ignored parts", async ({ page }) => {
  await page.goto("/?org=nothing-matches-this&zzz=1");
  await expect(page.getByRole("heading", { name: "No codes match these filters" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Part of this link was ignored" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe("error state", () => {
  test.use({ baseURL: FAULTS.url });
  test.afterEach(async ({ request }) => clearFaults(request));

  test("the BFF's error with a retry", async ({ page, request }) => {
    await setFaults(request, { kind: "bad_key", scope: "used-codes" });
    // The BFF may hold a list from earlier tests; wait until it has expired (1 s TTL) and
    // ask for a fresh one, which fails.
    await page.waitForTimeout(1_200);
    await request.post(`${FAULTS.url}/api/used-codes/refresh`);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /DigiCert|Refresh/ }).first()).toBeVisible({
      timeout: 30_000,
    });
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
