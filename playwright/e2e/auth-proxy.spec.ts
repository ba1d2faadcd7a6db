import { PROXY } from "./servers";
import { expect, test } from "./test";

/**
 * A trusted sign-in proxy, against a BFF started with AUTH_MODE=proxy and
 * AUTH_TRUSTED_PROXIES=127.0.0.1: the browser connects from 127.0.0.1, so it plays the proxy
 * by sending the identity header itself.
 */
test.use({ baseURL: PROXY.url });

test.describe("through the proxy", () => {
  test.use({ extraHTTPHeaders: { [PROXY.header]: PROXY.user } });

  test("shows the proxy's user, and signs out at the proxy's logout URL", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByText("Showing 4 of 4 codes")).toBeVisible();
    await expect(page.getByText(`Signed in as ${PROXY.user}`)).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign out" })).toHaveAttribute("href", PROXY.logoutUrl);
    await expect(page.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
  });
});

test("without the identity header: the page says to sign in at the proxy, and the API answers 401", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in through your organization" })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await expect(page.getByRole("table")).toHaveCount(0);
  const response = await page.request.get("/api/used-codes");
  expect(response.status()).toBe(401);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
});
