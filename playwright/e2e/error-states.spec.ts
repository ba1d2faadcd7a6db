import { bffError, clearFaults, messagePattern, setFaults } from "./faults";
import { FAULTS } from "./servers";
import { expect, keepScreenshot, test } from "./test";

/**
 * Every error state, made real by the simulator's fault switches behind a real BFF. Serial and
 * in this order: first-load errors need the BFF's cache empty, which it is until the first
 * success (the "retry" test); the stale test then relies on that cached list.
 */
test.describe.configure({ mode: "serial" });
test.use({ baseURL: FAULTS.url });
test.afterEach(async ({ request }) => clearFaults(request));

const FIRST_LOAD_ERRORS = [
  {
    name: "403 (key refused)",
    faults: { kind: "bad_key", scope: "used-codes" },
    status: 502,
    code: "upstream_auth",
    title: "DigiCert did not accept the server's API key",
  },
  {
    name: "429 (rate limited)",
    faults: { kind: "rate_limit", scope: "used-codes", retryAfter: "seconds", retryAfterSeconds: 1 },
    status: 503,
    code: "upstream_rate_limited",
    title: "DigiCert is limiting requests right now",
  },
  {
    name: "timeout",
    faults: { latencyMs: 4_000 },
    status: 504,
    code: "upstream_timeout",
    title: "DigiCert took too long to answer",
  },
  {
    name: "5xx with an HTML page",
    faults: { kind: "server_error", scope: "used-codes" },
    status: 503,
    code: "upstream_unavailable",
    title: "DigiCert is unavailable",
  },
  {
    name: "malformed JSON",
    faults: { kind: "malformed_json", scope: "used-codes" },
    status: 502,
    code: "upstream_bad_response",
    title: "DigiCert sent an answer Voucher Desk could not read",
  },
] as const;

for (const state of FIRST_LOAD_ERRORS) {
  test(`first load, upstream ${state.name}: the BFF's message and a retry`, async ({ page, request }) => {
    await setFaults(request, state.faults);
    const error = await bffError(request);
    expect(error).toMatchObject({ status: state.status, code: state.code });

    await page.goto("/");
    const alert = page.getByRole("alert");
    await expect(alert.getByRole("heading", { name: state.title })).toBeVisible({ timeout: 30_000 });
    await expect(alert).toContainText(messagePattern(error.message));
    await expect(alert.getByRole("button", { name: "Retry" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    if (state.code === "upstream_rate_limited") await keepScreenshot(page, "error-state");
  });
}

test("Retry after the fault clears loads the codes", async ({ page, request }) => {
  await setFaults(request, { kind: "server_error", scope: "used-codes" });
  await page.goto("/");
  const alert = page.getByRole("alert");
  await expect(alert.getByRole("heading", { name: "DigiCert is unavailable" })).toBeVisible({
    timeout: 30_000,
  });
  await clearFaults(request);
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Showing 40 of 40 codes")).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("stale data is marked while the BFF fetches a fresh list, then replaced", async ({ page, request }) => {
  // The list cached by the previous test is older than the BFF's 1 s TTL by now.
  await page.waitForTimeout(1_500);
  await setFaults(request, { latencyMs: 1_500 });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Showing an older copy" })).toBeVisible();
  await expect(page.getByText("(stale)")).toBeVisible();
  await expect(page.getByText("Showing 40 of 40 codes")).toBeVisible();
  // The page re-asks while stale and shows the fresh list once the BFF has it. (With this
  // BFF's 1 s TTL even the fresh list is soon stale again, so the banner may come back.)
  const fetchedAt = page.locator("header time");
  const staleAt = await fetchedAt.getAttribute("datetime");
  await expect(fetchedAt).not.toHaveAttribute("datetime", staleAt ?? "", { timeout: 20_000 });
});

test("an order that fails to load says why and can be retried", async ({ page, request }) => {
  await page.goto("/?sort=corder");
  const link = page.getByRole("table").getByRole("link").first();
  const orderId = (await link.textContent()) ?? "";
  await setFaults(request, { kind: "server_error", scope: "order" });
  const error = await bffError(request, `/api/orders/${orderId}`);
  await link.click();
  const dialog = page.getByRole("dialog", { name: `Order ${orderId}` });
  await expect(dialog.getByRole("alert")).toContainText(messagePattern(error.message), { timeout: 30_000 });
  await clearFaults(request);
  await dialog.getByRole("button", { name: "Retry" }).click();
  await expect(dialog.getByText("Common name")).toBeVisible();
});

test("a refused refresh keeps the list on screen and says why", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByText("Showing 40 of 40 codes")).toBeVisible();
  await setFaults(request, { kind: "bad_key", scope: "used-codes" });
  await page.getByRole("button", { name: "Refresh" }).click();
  const refused = page.getByRole("heading", { name: "Refresh failed" }).locator("xpath=ancestor::section[1]");
  await expect(refused).toContainText(/API key/, { timeout: 30_000 });
  await expect(page.getByText("Showing 40 of 40 codes")).toBeVisible();
});
