import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { parseCsv } from "./csv";
import { expect, keepScreenshot, shownCount, test } from "./test";

const TOTAL = 40; // rows in fixtures/quirky-used-codes.json

/** Table header labels → DigiCert field names, read from the page's own column menu order. */
async function visibleTable(page: Page): Promise<{ headers: string[]; rows: string[][] }> {
  const table = page.getByRole("table", { name: "Used voucher codes" });
  const headers = await table
    .locator("thead th")
    .evaluateAll((cells) =>
      cells.map((cell) => cell.querySelector(".th-button__label")?.textContent ?? cell.textContent ?? ""),
    );
  const rows = await table
    .locator("tbody tr:not(.data-table__spacer)")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  return { headers, rows };
}

/** The fixture the simulator serves, by voucher code: what the CSV leaves out (hidden columns). */
const fixtureByCode = new Map<string, Record<string, unknown>>(
  (
    JSON.parse(await readFile(new URL("../fixtures/quirky-used-codes.json", import.meta.url), "utf8")) as {
      codes: Record<string, unknown>[];
    }
  ).codes.map((code) => [String(code.value), code]),
);

/**
 * What the table shows for a CSV field: blanks by their label, neutralized formulas unprefixed,
 * and a validity set in days (years 0 in the raw CSV) as its days.
 */
function shownAs(csvValue: string, tableValue: string, field = "", code?: Record<string, unknown>): boolean {
  if (field === "validity_years" && csvValue === "0" && Number(code?.validity_days) > 0) {
    return tableValue === `${code?.validity_days} days`;
  }
  if (csvValue === "") return tableValue === "—" || tableValue === "Not issued";
  if (/^'[=+\-@\t\r]/.test(csvValue)) return tableValue === csvValue.slice(1);
  return tableValue === csvValue;
}

async function choose(panel: Locator, name: string): Promise<number> {
  const choice = panel.locator("label", { hasText: name });
  const count = Number(await choice.locator(".facet__count").textContent());
  await choice.getByRole("checkbox").check();
  return count;
}

test("the main job: filter by product, sort by certificate order, export what is shown, open an order, go back", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await expect(page.getByText(`Showing ${TOTAL} of ${TOTAL} codes`)).toBeVisible();
  // The BFF talks to the simulator through DIGICERT_BASE_URL: no DigiCert region to name.
  await expect(page.getByText("DigiCert (custom URL)")).toBeVisible();
  await keepScreenshot(page, "default-view-fixture");

  // Filter by product: the facet's count is the number of rows the choice gives.
  await page.getByRole("button", { name: "Product filter" }).click();
  const panel = page.getByRole("dialog", { name: "Product filter" });
  const basic = await choose(panel, "Basic OV");
  await expect(page.getByText(`Showing ${basic} of ${TOTAL} codes`)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\?product=ssl_basic$/);

  // Sort by certificate order: numeric, exact, blanks last.
  const header = page.getByRole("columnheader", { name: /Certificate order/ });
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await expect(page).toHaveURL(/\?product=ssl_basic&sort=corder$/);
  await keepScreenshot(page, "filtered-view");

  // Export: the file is the view on screen…
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^voucher-codes-\d{4}-\d{2}-\d{2}-basic-ov\.csv$/);
  const bytes = await readFile((await download.path()) as string);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = parseCsv(bytes.subarray(3).toString("utf8"));
  const shown = await visibleTable(page);
  const { shown: count } = await shownCount(page);
  expect(csv.length - 1).toBe(count);
  expect(shown.rows.length).toBe(count);
  const csvHeader = csv[0] ?? [];
  expect(csvHeader).toHaveLength(shown.headers.length);
  expect(csvHeader).toContain("certificate_order_id");
  const codeColumn = csvHeader.indexOf("value");
  expect(codeColumn).toBeGreaterThanOrEqual(0);
  for (const [r, row] of csv.slice(1).entries()) {
    const code = fixtureByCode.get(row[codeColumn] ?? "");
    for (const [c, value] of row.entries()) {
      expect(
        shownAs(value, shown.rows[r]?.[c] ?? "<missing>", csvHeader[c], code),
        `row ${r + 1} ${csvHeader[c]}: ${value}`,
      ).toBe(true);
    }
  }
  const orderColumn = csvHeader.indexOf("certificate_order_id");
  const ids = csv.slice(1).map((row) => row[orderColumn] ?? "");
  const filled = ids.filter((id) => id !== "");
  expect(filled).toEqual([...filled].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
  expect(ids.slice(filled.length).every((id) => id === "")).toBe(true);

  // …and byte for byte what the server's CSV gives for the same view, through the CSV report URL.
  await page.getByRole("button", { name: "Copy CSV report URL" }).click();
  await expect(page.getByRole("button", { name: "Copy CSV report URL" })).toHaveText("CSV report URL copied");
  const reportLink = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(reportLink).search).toBe(new URL(page.url()).search);
  const server = await page.request.get(reportLink);
  expect(server.status()).toBe(200);
  expect(Buffer.compare(await server.body(), bytes)).toBe(0);

  // Open the first order: a dialog named after it, over the table, with the view kept.
  const link = page.getByRole("table", { name: "Used voucher codes" }).getByRole("link").first();
  const orderId = (await link.textContent()) ?? "";
  await link.click();
  const dialog = page.getByRole("dialog", { name: `Order ${orderId}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("Common name")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}\\?product=ssl_basic&sort=corder$`));
  await keepScreenshot(page, "drilldown");

  // Back: the dialog closes, the view is as it was.
  await page.goBack();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/\?product=ssl_basic&sort=corder$/);
  await expect(page.getByText(`Showing ${basic} of ${TOTAL} codes`)).toBeVisible();
});

test("the order dialog traps focus, closes on Esc and gives focus back to its link", async ({ page }) => {
  await page.goto("/?sort=corder");
  const link = page.getByRole("table", { name: "Used voucher codes" }).getByRole("link").first();
  const orderId = (await link.textContent()) ?? "";
  await link.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Order ${orderId}` });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(link).toBeFocused();
  await expect(page).toHaveURL(/\/\?sort=corder$/);
});

test("a deep link to an order reopens it on reload, over the same view", async ({ page }) => {
  await page.goto("/?product=ssl_basic&sort=corder");
  const orderId = (await page.getByRole("table").getByRole("link").first().textContent()) ?? "";
  await page.goto(`/orders/${orderId}?product=ssl_basic&sort=corder`);
  const dialog = page.getByRole("dialog", { name: `Order ${orderId}` });
  await expect(dialog).toBeVisible();
  await page.reload();
  await expect(dialog).toBeVisible();
  // Under the modal the page is hidden from assistive technology (aria-hidden), yet its view
  // must be the link's: the chips are read including hidden elements, then again once it closes.
  const chips = (includeHidden: boolean) => page.getByRole("list", { name: "Active filters", includeHidden });
  await expect(chips(true)).toContainText("Product: Basic OV");
  await dialog.getByRole("button", { name: "Close" }).first().click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/\?product=ssl_basic&sort=corder$/);
  await expect(chips(false)).toContainText("Product: Basic OV");
});

test("an order the key cannot see says so", async ({ page }) => {
  await page.goto("/orders/123456789012?sort=corder");
  const dialog = page.getByRole("dialog", { name: "Order 123456789012" });
  await expect(dialog.getByText(/not found, or it is not visible to this API key/)).toBeVisible();
});

test("a pasted link with tricky values and a bad parameter: the view is kept, the bad part dropped with a notice", async ({
  page,
}) => {
  const org = 'Acme, "Quoted" & Sons';
  await page.goto(`/?org=${encodeURIComponent(org)}&fqdns=abc`);
  await expect(page.getByRole("heading", { name: "Part of this link was ignored" })).toBeVisible();
  await expect(page).not.toHaveURL(/fqdns/);
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText(
    `Organization contains “${org}”`,
  );
  const { shown } = await shownCount(page);
  expect(shown).toBeGreaterThan(0);
  await expect(page.getByRole("table")).toContainText(org);
  expect(new URL(page.url()).searchParams.get("org")).toBe(org);
  expect(new URL(page.url()).searchParams.has("fqdns")).toBe(false);
});
