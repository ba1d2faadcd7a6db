import type { Page } from "@playwright/test";
import { LOGIN } from "./servers";
import { expect, keepScreenshot, seriousViolations, test } from "./test";

/**
 * Built-in login, against a BFF started with AUTH_MODE=login and a users file the add-user
 * command wrote at start (see playwright.config.ts).
 */
test.use({ baseURL: LOGIN.url });

const TOTAL = 4; // rows in fixtures/hostile-used-codes.json

async function signIn(page: Page, user: string, password: string): Promise<void> {
  await page.getByLabel("User name").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("no session: the sign-in page instead of the data, accessible, and the API answers 401", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("User name")).toBeFocused();
  await expect(page.getByRole("table")).toHaveCount(0);
  expect((await page.request.get("/api/used-codes")).status()).toBe(401);
  expect(await seriousViolations(page)).toEqual([]);
  await keepScreenshot(page, "sign-in");

  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await keepScreenshot(page, "sign-in-dark");
});

test("a wrong password says so, and lets nobody in", async ({ page }) => {
  await page.goto("/");
  await signIn(page, LOGIN.user, "not the password at all");
  await expect(page.getByRole("alert")).toHaveText("Wrong user name or password.");
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByRole("table")).toHaveCount(0);
  expect((await page.request.get("/api/used-codes")).status()).toBe(401);
  expect(await seriousViolations(page)).toEqual([]);
  await keepScreenshot(page, "sign-in-error");
});

test("signs in to the dashboard, shows who is signed in, signs out back to sign-in", async ({ page }) => {
  await page.goto("/");
  await signIn(page, LOGIN.user, LOGIN.password);
  await expect(page.getByText(`Showing ${TOTAL} of ${TOTAL} codes`)).toBeVisible();
  await expect(page.getByText(`Signed in as ${LOGIN.user}`)).toBeVisible();
  // The session is a cookie the page cannot read.
  expect(await page.evaluate(() => document.cookie)).toBe("");
  await keepScreenshot(page, "signed-in-header");

  // Refresh is a POST: it carries the CSRF token the session handed out.
  const [refreshed] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith("/api/used-codes/refresh")),
    page.getByRole("button", { name: "Refresh", exact: true }).click(),
  ]);
  expect(refreshed.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Refresh failed" })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText(/Signed in as/)).toHaveCount(0);
  // The session ended on the server, not only on the page.
  expect((await page.request.get("/api/used-codes")).status()).toBe(401);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a deep link survives sign-in: the view and the open order are there after it", async ({ page }) => {
  const deepLink = "/orders/204929001?product=ssl_basic&sort=-created";
  await page.goto(deepLink);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signIn(page, LOGIN.user, LOGIN.password);

  const dialog = page.getByRole("dialog", { name: "Order 204929001" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("example.com").first()).toBeVisible();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(deepLink);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/\?product=ssl_basic&sort=-created$/);
  await expect(page.getByText(`Showing ${TOTAL} of ${TOTAL} codes`)).toBeVisible();
});
